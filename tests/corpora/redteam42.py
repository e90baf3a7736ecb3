"""Forty-second adversarial review of the recogniser (round 42; focus: the newest rules of d172f7c..92dd1b1 --
exactness._settled_pick / _at_most / _row_aligned, lengths_from_positions.expose_page_counts / restore_page_counts with
sizes._indptr_input / flashinfer_lengths_parts, rewrite._leading_select / _picked, bound_inputs._writes_reading /
_appends_to_an_input).

Same format as redteam25 / redteam41: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache)``; the pc_ steps take redteam33's FlashInfer
view ``(kv, w, slots, last_page_len, kv_indptr, cache, kv_indices)``) or, for ``bound_*``, redteam7's ``Scenario`` (a
module compiled whole; redteam41's hook changes its ``off`` buffer before call 1, in eager and every compiled copy
alike).  Runner: redteam7's ``classify7`` through :func:`classify42` (``bound_*`` in ``torchair_like`` through
``bound_ta``, as redteam41).

    cd /tmp/base44 && PYTHONPATH=/tmp/base44 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam42.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base44 = 92dd1b1, 19:30-19:52 UTC 2026-12-05): 80 attacks in 4 themes
(sp_ 32, pc_ 16, ls_ 8, bound_bwf_ 24), 204 runs per graph dialect:

    inductor_graph  204 runs: 34 FALSE FUSION / 0 CRASH / 64 fused & equal / 106 refused
    torchair_like   204 runs: 34 FALSE FUSION / 0 CRASH / 64 fused & equal / 106 refused
    inductor (real codegen, nsa_fusion_backend): 47 runs: the 12 bound_bwf_ attacks that are false fusions in the
                    graph dialects + bound_bwf_plain, _clone_w_fp32_setitem, _attr_plain (controls), every mode they
                    have, and ls_base, ls_append_after_stack (3 modes):
                    34 FALSE FUSION (every graph-dialect false fusion confirmed, control equal to eager) / 13 fused & equal.

Per theme (identical in both graph dialects): sp_ 14 EQ 50 R; pc_ 16 EQ 32 R; ls_ 24 EQ; bound_bwf_ 34 FF 10 EQ 24 R.
Attack bugs, fixed before the first valid run and not counted: sp_ctrl_page{,_grow} first read page (s - 1) // P = -1 at
length 0 (EAGER FAILS; a clamp(min=0) after the minimum added); every bound_bwf_ attack first ran (static, inductor_graph)
without the clamp to the capacity (EAGER FAILS after off.add_(1)); pc_whole_buffer_count (EAGER FAILS, inductor_graph
only: its lengths used the whole buffer) renamed pc_prefix_whole_buffer_count.  Method note: before the full runs, a
static-only inductor_graph run of the first seven bound_bwf_ attacks (after the clamp fix) and of sp_ctrl_*,
sp_bf16_pos_{small,grow}, pc_base, pc_base_meta64, ls_base gave the same results as recorded (bound_bwf_clone_w_setitem
FALSE FUSION then too).

FOUND (/work/briefs/redteam42_findings.md; standalone repro /work/briefs/redteam42_repro.py):

* F1 FALSE FUSION (12 attacks, every mode -- static, mark_dynamic, dynamic=True -- both graph dialects and REAL
  Inductor codegen, control equal to eager): an integer module buffer (HF window offsets ``off = arange(l)``) copied
  through a FLOAT write into a CLONE of the step's weight -- ``z = self.w[:, 0].clone(); z[arange(l)] = self.off.half();
  pos = s - l + z.long()`` (also index_copy / scatter into the clone, the weight's flat view, ``w.detach()[:, 0]``,
  ``w.t()[0]``, ``.contiguous()`` of the column, half the entries from the buffer, then copied again into zeros; and
  under dynamic=True a bound FLOAT ATTRIBUTE, offsets ``floor(arange(l) * scale * l)`` written into the clone,
  bound_bwf_attr_clone_w, while the same read directly is checked: bound_bwf_attr_plain, equal) -- is
  bound while the pass runs and the step fuses on its compile-time value (the recogniser evaluates the full overwrite),
  but ``bound_inputs._writes_reading`` cuts the walk at that write: ``_appends_to_an_input`` follows the write's base
  through ``optable.VIEWS``, which hold ``clone`` / ``contiguous`` / ``detach`` / ``select`` / ``reshape``, to the
  weight's placeholder and takes the write for a KV append (``seen_by_users[n] = set()``).  So the buffer is not in
  the cache write's reads, ``offer.used`` stays empty, ``Offer.needs_checks()`` is False and ``checked_compile``
  returns the graph without CheckedCall (bound_ta, torchair-like: likewise no buffer is compared on later calls).  After
  ``off.add_(1)`` / ``off.flip`` / ``off.data[:l/2] += 1`` eager and the control move the window, the fused graph does
  not (NaN vs a number, 544 values differ; repro: 192 of 512 values).  The weight is the input to clone because roles
  refuses a second float input in the pooled value (a float buffer's clone, bound_bwf_{setitem_fb,clone_fb_setitem,
  expand_fb_scatter}), pooling a clone of the KV, keep a clone of the cache; a cast before the write
  (``w[:, 0].clone().float()``: the base is no view of an input) is walked, checked, equal (bound_bwf_clone_w_fp32_setitem).
  Rule: nsa_fusion/bound_inputs.py:_appends_to_an_input (VIEWS include copying ops) as used by _writes_reading ->
  run_pass -> Offer.needs_checks / checked_compile.
  Repro: ``redteam42_repro.py clone_w`` (also ``index_copy``, ``scatter``, ``flat``; ``dynamic``; ``plain`` = control).

Not found (equal or refused; the idea each tried):

* sp_ settled picks: ``_slope`` walks every cast as the identity, so a float / narrow-int round trip of a length
  ((s + 1).to(bf16 / fp16 / fp32 / int16 / int8 / uint8).long() - 2, "s - 1" by slope and value at 0, rounding or
  wrapping above the dtype's exact range) on either side of minimum / maximum, under the page floor division, under a
  clamp_min on the left, int32 and int64: refused by roles' cast check (``casts int64 values in [1, 2**31] to bfloat16,
  which holds only [-256, 256] exactly``) wherever the range exceeds the dtype's exact range (dynamic=True always;
  static capacity 512 for bf16); fused & equal where the cast is exact at the static capacity (fp16 / fp32 at 256,
  bf16 on the left at 256).  Controls: minimum(p, s - 1) fused & equal in every mode and grown to 8K lengths;
  minimum(pos // P, (s - 1) // P) with lengths 0 allowed: refused under dynamic=True (clamp_min 0 above min(s - 1) = -1:
  not settled; right, not a miss of the rule).
* pc_ page-count exposure (FlashInfer metadata, int32 / int64, prefix buffer of B + 4 entries): the plain clamp, the
  count computed before the lengths, ``(n - 1) + (n - 1) - (n - 1)``, a prefix buffer: fused & equal (static, batch);
  one shared n - 1 node, int64 lengths beside an int32 count or the reverse (the twin walk stops at the cast), a
  count from a longer prefix or from the whole buffer: refused (roles: the index arithmetic reads the indptr: the
  count is not rewired); a second FlashInfer-shaped sum first (slots as last_page_len; P / 2 with a shared count):
  refused; eager clamping to n - 2: refused (gather); every pc_ attack under dynamic=True: refused (indptr in the index
  arithmetic).  (s - 1) // P equals n - 1 exactly whenever 1 <= last <= P, so no spelling on valid metadata can make the
  rewritten graph differ from eager; the count also
  returned as an output (n - 1, and (s - 1) // P beside it: restore_page_counts) and two layers each with their own
  get_seq_lens and clamp on halves of one cache: fused & equal (static, batch), refused (dynamic=True).
* ls_ leading select (K/V stacked ahead of a flat token view built in the step: stack, cat of unsqueezes, view instead of
  flatten, half 1 / -2, a three-part stack, uneven cat parts [2] + [1], kv appended in place AFTER the stack and before
  the read): fused & equal in every mode, both dialects; ls_base and ls_append_after_stack also in real Inductor
  codegen (3 modes each): fused & equal.
* bound_bwf_ controls: the buffer (or the float attribute, bound_bwf_attr_plain) read directly, or copied into a
  float module buffer by ``copy_`` (not a WRITES op: walked): fused, checked, equal; the buffer permuting the WEIGHT's rows through the weight's clone (w2[off] = w):
  refused (weight: computed before the pooling); a [1] stride through the weight's clone: refused (mask).
* Read, not attacked for lack of time: restore_page_counts when the pass erases the count's diff (the "equal value
  stays" branch), _picked through reshapes with -1 at the selected dim, the source-line fallback of run_pass for
  rewritten writes.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
# (appended, not put first: run with PYTHONPATH=/tmp/base44, the frozen tree's nsa_fusion and tests must win)
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk, _grow, GROW_8K, GROW_32K  # noqa: E402
from tests.corpora.redteam7 import _sc, classify7  # noqa: E402
from tests.corpora.redteam33 import _ragged  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"


# --- 1. settled picks (exactness._settled_pick / _at_most): one side "at most" the other by slope + value at 0 ---------
# _slope walks through EVERY cast (float, narrow int) as the identity; _at_most compares only the slope and the
# value at length 0.  A float round trip (s + 1).to(bf16).long() is "slope 1" but rounds: the pick crosses.
def _sp(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        s = lens.long()
        p = s[:, None] - L + torch.arange(L)
        if kind == "ctrl_page":  # models18's page clamp: minimum(p // P, (s - 1) // P), settled (control)
            pos = p.clamp(min=0)
            page = torch.minimum(pos // P, ((s - 1) // P)[:, None]).clamp(min=0)
        elif kind == "ctrl_pos":  # minimum(p, s - 1): the window's positions clamped to the last token (control)
            pos = torch.minimum(p, (s - 1)[:, None]).clamp(min=0)
            page = pos // P
        elif kind in ("bf16_pos", "f16_pos", "f32_pos", "i16_pos", "i8_pos", "u8_pos"):
            dt = {"bf16_pos": torch.bfloat16, "f16_pos": torch.float16, "f32_pos": torch.float32,
                  "i16_pos": torch.int16, "i8_pos": torch.int8, "u8_pos": torch.uint8}[kind]
            b = (s + 1).to(dt).long() - 2  # "s - 1" by slope and at 0; rounds / wraps above the dtype's range
            pos = torch.minimum(p, b[:, None]).clamp(min=0)
            page = pos // P
        elif kind == "bf16_pos_i32":  # the same in int32 arithmetic
            s32 = lens.int()
            b = (s32 + 1).to(torch.bfloat16).int() - 2
            pos = torch.minimum(s32[:, None] - L + torch.arange(L, dtype=torch.int32), b[:, None]).clamp(min=0).long()
            page = pos // P
        elif kind == "bf16_max":  # maximum(p, c) with c "at most" p: c = (s + 3).bf16 - 3 - L rounds up above 256
            c = (s + 3).to(torch.bfloat16).long() - 3 - L
            pos = torch.maximum(p, c[:, None]).clamp(min=0)
            page = pos // P
        elif kind == "bf16_page":  # the page clamp with the float round trip on the right
            pos = p.clamp(min=0)
            page = torch.minimum(pos // P, (((s + 1).to(torch.bfloat16).long() - 2) // P)[:, None]).clamp(min=0)
        elif kind == "bf16_both_floor":  # floor division of both sides by one constant (peeled), then the cast
            pos = torch.minimum(p.clamp(min=0), ((s + 1).to(torch.bfloat16).long() - 2)[:, None])
            page = torch.minimum(pos // P, (((s + 1).to(torch.bfloat16).long() - 2) // P)[:, None]).clamp(min=0)
        elif kind == "half_detour_left":  # the round trip on the LEFT: p rounded, compared with s - 1
            pr = (p + 1).to(torch.bfloat16).long() - 1
            pos = torch.minimum(pr, (s - 1)[:, None]).clamp(min=0)
            page = pos // P
        elif kind == "clamp_left_f16":  # clamp_min on the left (peeled), float detour underneath
            pos = torch.minimum(p.clamp(min=0), ((s + 1).to(torch.float16).long() - 2)[:, None]).clamp(min=0)
            page = pos // P
        else:
            raise AssertionError(kind)
        tok = kv[table.long().gather(1, page), pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _sp_static(pages=8):
    return lambda: [build(B=12, pages=pages), build(B=16, pages=pages, seed=1)]


def _sp_grow(big):
    return lambda: _grow(130, GROW_8K) if big == "8k" else _grow(520, GROW_32K)


SP = []
for _k in ("ctrl_page", "ctrl_pos"):
    SP.append((f"sp_{_k}", _mk(_sp(_k), _sp_static(4), MODES3), "control: settled pick as models18 writes it"))
    SP.append((f"sp_{_k}_grow", _mk(_sp(_k), _sp_grow("8k"), ("dynamic",)), "control, grown to 8K lengths"))
for _k in ("bf16_pos", "bf16_pos_i32", "bf16_max", "bf16_page", "bf16_both_floor", "half_detour_left"):
    SP.append((f"sp_{_k}_small", _mk(_sp(_k), _sp_static(4), MODES3),
               "float round trip of a length, exact below 256 (capacity 256)"))
    SP.append((f"sp_{_k}_grow", _mk(_sp(_k), _sp_grow("8k"), ("dynamic",)),
               "float round trip of a length; compiled at capacity 256, called at 8K lengths"))
    SP.append((f"sp_{_k}_static512", _mk(_sp(_k), _sp_static(8), SB), "capacity 512: rounds above 256"))
for _k in ("f16_pos", "clamp_left_f16"):
    SP.append((f"sp_{_k}_grow", _mk(_sp(_k), _sp_grow("8k"), ("dynamic",)), "fp16 round trip: exact to 2048"))
    SP.append((f"sp_{_k}_small", _mk(_sp(_k), _sp_static(4), MODES3), "fp16 round trip (capacity 256: exact)"))
SP.append(("sp_f32_pos_small", _mk(_sp("f32_pos"), _sp_static(4), MODES3), "fp32 round trip (exact to 2**24)"))
for _k in ("i16_pos",):
    SP.append((f"sp_{_k}_grow", _mk(_sp(_k), _sp_grow("32k"), ("dynamic",)), "int16 wrap above 32767"))
for _k in ("i8_pos", "u8_pos"):
    SP.append((f"sp_{_k}_small", _mk(_sp(_k), _sp_static(4), MODES3), "int8 / uint8 wrap inside capacity 256"))
    SP.append((f"sp_{_k}_grow", _mk(_sp(_k), _sp_grow("8k"), ("dynamic",)), "int8 / uint8 wrap"))


# --- 2. FlashInfer page counts read as (s - 1) // P while the pass runs (lengths_from_positions.expose_page_counts) --
# Steps take redteam33's FlashInfer view ``(kv, w, slots, last, indptr, cache, indices)`` (un-stacked KV [NP, P, N, D]).
def _pc(kind):
    def step(kv, w, slots, last, indptr, cache, indices):
        P = kv.shape[1]
        B = last.shape[0]
        ip = indptr
        if kind.startswith("prefix"):  # a CUDA-graph buffer: the batch's indptr is its first B + 1 entries
            ip = indptr[:B + 1]
        n = ip[1:] - ip[:-1]
        if kind == "shared_count":  # one n - 1 node: in the lengths and in the clamp
            c = n - 1
            s = c * P + last
            cnt = c
        elif kind == "i64_lengths_i32_count":
            s = (ip.long()[1:] - ip.long()[:-1] - 1) * P + last.long()
            cnt = n - 1
        elif kind == "i32_lengths_i64_count":
            s = (n - 1) * P + last
            cnt = ip.long()[1:] - ip.long()[:-1] - 1
        elif kind == "count_before_lengths":
            cnt = n - 1
            s = (n - 1) * P + last
        elif kind == "second_formula_slots_first":  # another FlashInfer-shaped sum (slots as last) BEFORE the lengths
            s_other = (n - 1) * P + slots
            s = (n - 1) * P + last
            cnt = n - 1
        elif kind == "second_formula_halfP_first":  # the same metadata with P / 2, before the lengths, shared count
            c = n - 1
            s_other = c * (P // 2) + last
            s = c * P + last
            cnt = n - 1
        elif kind == "count_minus_one_more":  # eager clamps to n - 2: reads the wrong page on the last page
            s = (n - 1) * P + last
            cnt = (n - 1) - 1
        elif kind == "count_plus_zero_minus":  # n - 1 then + (n - 1) - (n - 1): the three counts each rewired
            s = (n - 1) * P + last
            cnt = (n - 1) + (n - 1) - (n - 1)
        elif kind == "prefix_longer_count":  # the count from a LONGER prefix (B + 2 entries), its first B rows
            s = (n - 1) * P + last
            ip2 = indptr[:B + 2]
            cnt = (ip2[1:] - ip2[:-1] - 1)[:B]
        elif kind == "prefix_whole_buffer_count":  # the count from the whole buffer's differences, its first B rows
            s = (n - 1) * P + last
            cnt = (indptr[1:] - indptr[:-1] - 1)[:B]
        elif kind in ("returns_count", "returns_both"):  # the clamp's n - 1 also returned (an output reads it)
            s = (n - 1) * P + last
            cnt = n - 1
        elif kind == "two_layers":  # two layers, each its own get_seq_lens and clamp (K then V into one cache pair)
            s = (n - 1) * P + last
            cnt = n - 1
        else:  # base / prefix
            s = (n - 1) * P + last
            cnt = n - 1
        if kind == "two_layers":
            S = cache.shape[0] // 2
            for k, c in enumerate((cache[:S], cache[S:])):
                nk = ip[1:] - ip[:-1]
                sk = (nk - 1) * P + last
                pk = (sk[:, None] - L + torch.arange(L, dtype=sk.dtype)).clamp(min=0)
                ik = torch.minimum(torch.div(pk, P, rounding_mode="floor"), (nk - 1)[:, None]).clamp(min=0)
                pgk = indices[(ip[:-1, None] + ik).long()].long()
                write(c, slots, completes(sk), pool(kv[pgk, (pk % P).long()], w if k == 0 else w.flip(0)))
            return cache
        pos = (s[:, None] - L + torch.arange(L, dtype=s.dtype)).clamp(min=0)
        i = torch.minimum(torch.div(pos, P, rounding_mode="floor"), cnt[:, None].to(pos.dtype)).clamp(min=0)
        pg = indices[(ip[:-1, None] + i).long()].long()
        tok = kv[pg, (pos % P).long()]
        write(cache, slots, completes(s), pool(tok, w))
        if kind.startswith("second_formula"):
            return cache, s_other
        if kind == "returns_count":
            return cache, cnt
        if kind == "returns_both":
            return cache, cnt, (s - 1) // P
        return cache
    return step


def _pc_calls(Bs=(40, 24), extra=0, double=False, **kw):
    def make():
        out = []
        for k, B in enumerate(Bs):
            a = _ragged(seed=k, B=B, stacked=False, **kw)
            if double:  # a [2S] cache: two layers' halves
                a[5] = torch.cat([a[5], (a[5].float() * 2 + 1).to(a[5].dtype)])
            if extra:  # a longer indptr buffer: the batch's B + 1 entries, then ``extra`` more (the last one again)
                ip = a[4]
                a[4] = torch.cat([ip, ip[-1:].expand(extra) + torch.arange(1, extra + 1, dtype=ip.dtype)])
            out.append(a)
        return out
    return make


PC = []
for _k in ("base", "shared_count", "i64_lengths_i32_count", "i32_lengths_i64_count", "count_before_lengths",
           "second_formula_slots_first", "second_formula_halfP_first", "count_minus_one_more",
           "count_plus_zero_minus"):
    PC.append((f"pc_{_k}", _mk(_pc(_k), _pc_calls(), MODES3), "FlashInfer page-count clamp: " + _k))
for _k in ("prefix", "prefix_longer_count", "prefix_whole_buffer_count"):
    PC.append((f"pc_{_k}", _mk(_pc(_k), _pc_calls(extra=3), MODES3), "indptr buffer longer than B + 1: " + _k))
for _k in ("returns_count", "returns_both"):
    PC.append((f"pc_{_k}", _mk(_pc(_k), _pc_calls(), MODES3), "the clamp's page count also returned: " + _k))
PC.append(("pc_two_layers", _mk(_pc("two_layers"), _pc_calls(double=True), MODES3),
           "two layers each computing get_seq_lens and the page clamp (halves of one [2S] cache)"))
PC.append(("pc_base_meta64", _mk(_pc("base"), _pc_calls(meta=torch.int64), MODES3), "int64 metadata"))


# --- 3. the leading select (rewrite._leading_select / _picked): x[:, tok][c] with x a stack built in the step ------
def _ls(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        flat_idx = table.long().gather(1, pos // P) * P + pos % P  # [B, l] token rows of the flat view
        other = kv * 2
        if kind == "append_after_stack":  # the stack copies kv; kv is appended in place before the read
            x = torch.stack([kv, other])
            s = lens.long()
            last = (s - 1).clamp(min=0)
            kv[table.long().gather(1, (last // P)[:, None])[:, 0], last % P] = 0.5
        elif kind == "cat_unsq":
            x = torch.cat([kv.unsqueeze(0), other.unsqueeze(0)])
        elif kind == "stack_swapped":  # the half that is NOT the input: refused or the other half's values
            x = torch.stack([other, kv])
        elif kind == "stack_neg":
            x = torch.stack([kv, other])
        elif kind == "cat_three":  # cat of [kv, other, kv] along 0: half 2 is kv again
            x = torch.stack([kv, other, kv])
        elif kind == "cat_uneven":  # cat of a [2, ...] stack and a [1, ...]: part sizes 2, 1
            x = torch.cat([torch.stack([other, kv]), kv.unsqueeze(0)])
        else:
            x = torch.stack([kv, other])
        flat = x.flatten(1, 2) if kind != "view" else x.view(x.shape[0], -1, *x.shape[3:])
        g = flat[:, flat_idx]  # [H, B, l, N, D]
        j = {"stack_swapped": 1, "stack_neg": -2, "cat_three": 2, "cat_uneven": 1}.get(kind, 0)
        tok = g[j]
        out = write(cache, slots, completes(lens), pool(tok, w))
        if kind == "append_after_stack":
            return out, kv
        return out
    return step


LS = []
for _k in ("base", "view", "append_after_stack", "cat_unsq", "stack_swapped", "stack_neg", "cat_three", "cat_uneven"):
    LS.append((f"ls_{_k}", _mk(_ls(_k), lambda: [build(B=12), build(B=16, seed=1)], MODES3),
               "K/V stacked ahead of a flat token view, one half read: " + _k))


# --- 4. bound buffers reaching the step past a FLOAT write into a graph input (bound_inputs._appends_to_an_input cuts
# the walk there): the window offsets copied through a float buffer / a clone of a float input ---------------------
class _BW(torch.nn.Module):
    """HF-port style layer: int offsets buffer ``off`` (bound), a float buffer ``fb`` [l] (a graph input, not bound)."""

    def __init__(self, w, kind):
        super().__init__()
        self.kind = kind
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        self.register_buffer("off", torch.arange(L), persistent=False)
        self.register_buffer("fb", torch.zeros(L, dtype=torch.float32), persistent=False)

    def forward(self, kv, slots, table, lens, cache):
        P = kv.shape[1]
        ar = torch.arange(L)
        if self.kind == "copy_fb":  # fb.copy_(off): the whole float buffer overwritten
            self.fb.copy_(self.off.float())
            offs = self.fb.long()
        elif self.kind == "setitem_fb":  # fb[arange] = off (index_put_ on the float input)
            self.fb[ar] = self.off.float()
            offs = self.fb.long()
        elif self.kind == "clone_fb_setitem":  # a clone of the float input written (a fresh tensor, base = input)
            z = self.fb.clone()
            z[ar] = self.off.float()
            offs = z.long()
        elif self.kind == "clone_kv_setitem":  # a clone of a slice of the paged KV written with the offsets
            z = kv.reshape(-1)[:L].clone()
            z[ar] = self.off.to(z.dtype)
            offs = z.long()
        elif self.kind == "clone_w_setitem":  # a clone of the weight's column (a parameter input)
            z = self.w[:, 0].clone()
            z[ar] = self.off.to(z.dtype)
            offs = z.long()
        elif self.kind == "clone_w_index_copy":  # index_copy into the weight's clone
            z = self.w[:, 0].clone().index_copy(0, ar, self.off.to(self.w.dtype))
            offs = z.long()
        elif self.kind == "clone_w_scatter":  # scatter into the weight's clone
            z = self.w[:, 0].clone().scatter(0, ar, self.off.to(self.w.dtype))
            offs = z.long()
        elif self.kind == "w_flat_clone_setitem":  # the weight's flat view, its first l entries
            z = self.w.reshape(-1)[:L].clone()
            z[ar] = self.off.to(z.dtype)
            offs = z.long()
        elif self.kind == "clone_w_half_setitem":  # only the first half overwritten from the buffer, rest from a const
            z = self.w[:, 0].clone()
            z[ar] = torch.cat([self.off[:L // 2], torch.arange(L // 2, L)]).to(z.dtype)
            offs = z.long()
        elif self.kind == "clone_cache_setitem":  # a clone of the compressed cache (the written input)
            z = cache.reshape(-1)[:L].clone()
            z[ar] = self.off.to(z.dtype)
            offs = z.long()
        elif self.kind == "clone_w_stride":  # the stride: a [1] buffer written into the weight's clone
            z = self.w[:1, 0].clone()
            z[torch.arange(1)] = (self.off[1:2] * STRIDE).to(z.dtype)
            offs = self.off
            self.st_from_w = z.long()
        elif self.kind == "detach_clone_setitem":  # detach (a view) then clone
            z = self.w.detach()[:, 0].clone()
            z[ar] = self.off.to(z.dtype)
            offs = z.long()
        elif self.kind == "t_select_clone_setitem":  # the weight transposed, row 0, cloned
            z = self.w.t()[0].clone()
            z[ar] = self.off.to(z.dtype)
            offs = z.long()
        elif self.kind == "contiguous_setitem":  # the weight's column made contiguous (a copy), then written
            z = self.w[:, 0].contiguous()
            z[ar] = self.off.to(z.dtype)
            offs = z.long()
        elif self.kind == "clone_w_then_zeros":  # through the weight's clone, then an int copy into zeros
            z = self.w[:, 0].clone()
            z[ar] = self.off.to(z.dtype)
            offs = torch.zeros(L, dtype=torch.long).index_put((ar,), z.long())
        elif self.kind == "clone_w_fp32_setitem":  # the clone cast to fp32 first (the cast: the base is no input)
            z = self.w[:, 0].clone().float()
            z[ar] = self.off.float()
            offs = z.long()
        elif self.kind in ("attr_clone_w", "attr_plain"):  # a float attribute (0-d input under dynamic=True)
            v = (ar.double() * (self.scale * L)).floor()
            if self.kind == "attr_clone_w":  # copied through the weight's clone
                z = self.w[:, 0].clone()
                z[ar] = v.to(z.dtype)
                offs = z.long()
            else:
                offs = v.long()
        elif self.kind == "expand_fb_scatter":  # scatter into an expanded 1-element slice of the float input
            z = self.fb[:1].expand(L).clone()
            z = z.scatter(0, ar, self.off.float())
            offs = z.long()
        elif self.kind in ("wperm_setitem", "wperm_index_copy"):  # the WEIGHT's rows permuted by the buffer
            offs = torch.arange(L)
        elif self.kind == "plain":
            offs = self.off
        else:
            raise AssertionError(self.kind)
        pos = (lens.long()[:, None] - L + offs).clamp(0, table.shape[1] * P - 1)
        tok = kv[table.long().gather(1, pos // P), pos % P]
        valid = completes(lens)
        w = self.w
        if self.kind == "wperm_setitem":  # w2[off] = w: with off = arange(l) the weight itself
            w = self.w.clone()
            w[self.off] = self.w
        elif self.kind == "wperm_index_copy":
            w = self.w.clone().index_copy(0, self.off, self.w)
        if self.kind == "clone_w_stride":
            valid = (lens >= L) & ((lens.long() - L) % self.st_from_w == 0)
        return write(cache, slots, valid, pool(tok, w))


class _BWAttr(_BW):
    def __init__(self, w, kind):
        super().__init__(w, kind)
        self.scale = 1.0 / L


def _attr_inputs():
    from tests.corpora.redteam41 import _stack_inputs
    return _stack_inputs(1)


def _attr_hook(i, m):
    if i == 1:
        m.scale = 1.0 / (2 * L)


def _bw(kind, modes=MODES3, what="off_add"):
    from tests.corpora.redteam41 import _hook, _stack_inputs
    return _sc(lambda: _BW(build().args[1], kind), _stack_inputs(1), _hook(what), modes)


BW = []
for _k in ("plain", "copy_fb", "setitem_fb", "clone_fb_setitem", "clone_kv_setitem", "clone_w_setitem",
           "expand_fb_scatter", "clone_w_index_copy", "clone_w_scatter", "w_flat_clone_setitem", "clone_w_half_setitem",
           "clone_cache_setitem", "clone_w_stride", "detach_clone_setitem", "t_select_clone_setitem",
           "contiguous_setitem", "clone_w_then_zeros", "clone_w_fp32_setitem"):
    BW.append((f"bound_bwf_{_k}", _bw(_k), "offsets buffer copied through a float write into a graph input (" + _k +
               "), add_(1) between calls"))
for _k in ("attr_clone_w", "attr_plain"):
    BW.append((f"bound_bwf_{_k}", _sc(lambda _k=_k: _BWAttr(build().args[1], _k), _attr_inputs(), _attr_hook,
                                      ("dynamic",)),
               "offsets arange(l) * (scale * l) from a float attribute scale = 1/l, set to 1/(2l) between calls: " + _k))
BW.append(("bound_bwf_wperm_setitem_flip", _bw("wperm_setitem", what="off_flip"),
           "the weight's rows permuted by the buffer (w2[off] = w, into the weight's clone); off reversed between calls"))
BW.append(("bound_bwf_wperm_index_copy_flip", _bw("wperm_index_copy", what="off_flip"),
           "the weight's rows permuted by the buffer (index_copy into the weight's clone); off reversed between calls"))
BW.append(("bound_bwf_clone_w_setitem_flip", _bw("clone_w_setitem", what="off_flip"),
           "offsets through the weight's clone; the buffer reversed between calls (window order reversed)"))
BW.append(("bound_bwf_clone_w_setitem_data", _bw("clone_w_setitem", what="off_data"),
           "offsets through the weight's clone; half the buffer changed through .data"))


ATTACKS = SP + PC + LS + BW

_FIRST = [
    ('sp_ctrl_page', 'inductor_graph', 'static', _EQ),
    ('sp_ctrl_page', 'inductor_graph', 'batch', _EQ),
    ('sp_ctrl_page', 'inductor_graph', 'dynamic', _R),
    ('sp_ctrl_page_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_ctrl_pos', 'inductor_graph', 'static', _EQ),
    ('sp_ctrl_pos', 'inductor_graph', 'batch', _EQ),
    ('sp_ctrl_pos', 'inductor_graph', 'dynamic', _EQ),
    ('sp_ctrl_pos_grow', 'inductor_graph', 'dynamic', _EQ),
    ('sp_bf16_pos_small', 'inductor_graph', 'static', _R),
    ('sp_bf16_pos_small', 'inductor_graph', 'batch', _R),
    ('sp_bf16_pos_small', 'inductor_graph', 'dynamic', _R),
    ('sp_bf16_pos_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_bf16_pos_static512', 'inductor_graph', 'static', _R),
    ('sp_bf16_pos_static512', 'inductor_graph', 'batch', _R),
    ('sp_bf16_pos_i32_small', 'inductor_graph', 'static', _R),
    ('sp_bf16_pos_i32_small', 'inductor_graph', 'batch', _R),
    ('sp_bf16_pos_i32_small', 'inductor_graph', 'dynamic', _R),
    ('sp_bf16_pos_i32_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_bf16_pos_i32_static512', 'inductor_graph', 'static', _R),
    ('sp_bf16_pos_i32_static512', 'inductor_graph', 'batch', _R),
    ('sp_bf16_max_small', 'inductor_graph', 'static', _R),
    ('sp_bf16_max_small', 'inductor_graph', 'batch', _R),
    ('sp_bf16_max_small', 'inductor_graph', 'dynamic', _R),
    ('sp_bf16_max_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_bf16_max_static512', 'inductor_graph', 'static', _R),
    ('sp_bf16_max_static512', 'inductor_graph', 'batch', _R),
    ('sp_bf16_page_small', 'inductor_graph', 'static', _R),
    ('sp_bf16_page_small', 'inductor_graph', 'batch', _R),
    ('sp_bf16_page_small', 'inductor_graph', 'dynamic', _R),
    ('sp_bf16_page_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_bf16_page_static512', 'inductor_graph', 'static', _R),
    ('sp_bf16_page_static512', 'inductor_graph', 'batch', _R),
    ('sp_bf16_both_floor_small', 'inductor_graph', 'static', _R),
    ('sp_bf16_both_floor_small', 'inductor_graph', 'batch', _R),
    ('sp_bf16_both_floor_small', 'inductor_graph', 'dynamic', _R),
    ('sp_bf16_both_floor_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_bf16_both_floor_static512', 'inductor_graph', 'static', _R),
    ('sp_bf16_both_floor_static512', 'inductor_graph', 'batch', _R),
    ('sp_half_detour_left_small', 'inductor_graph', 'static', _EQ),
    ('sp_half_detour_left_small', 'inductor_graph', 'batch', _EQ),
    ('sp_half_detour_left_small', 'inductor_graph', 'dynamic', _R),
    ('sp_half_detour_left_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_half_detour_left_static512', 'inductor_graph', 'static', _R),
    ('sp_half_detour_left_static512', 'inductor_graph', 'batch', _R),
    ('sp_f16_pos_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_f16_pos_small', 'inductor_graph', 'static', _EQ),
    ('sp_f16_pos_small', 'inductor_graph', 'batch', _EQ),
    ('sp_f16_pos_small', 'inductor_graph', 'dynamic', _R),
    ('sp_clamp_left_f16_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_clamp_left_f16_small', 'inductor_graph', 'static', _EQ),
    ('sp_clamp_left_f16_small', 'inductor_graph', 'batch', _EQ),
    ('sp_clamp_left_f16_small', 'inductor_graph', 'dynamic', _R),
    ('sp_f32_pos_small', 'inductor_graph', 'static', _EQ),
    ('sp_f32_pos_small', 'inductor_graph', 'batch', _EQ),
    ('sp_f32_pos_small', 'inductor_graph', 'dynamic', _R),
    ('sp_i16_pos_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_i8_pos_small', 'inductor_graph', 'static', _R),
    ('sp_i8_pos_small', 'inductor_graph', 'batch', _R),
    ('sp_i8_pos_small', 'inductor_graph', 'dynamic', _R),
    ('sp_i8_pos_grow', 'inductor_graph', 'dynamic', _R),
    ('sp_u8_pos_small', 'inductor_graph', 'static', _R),
    ('sp_u8_pos_small', 'inductor_graph', 'batch', _R),
    ('sp_u8_pos_small', 'inductor_graph', 'dynamic', _R),
    ('sp_u8_pos_grow', 'inductor_graph', 'dynamic', _R),
    ('pc_base', 'inductor_graph', 'static', _EQ),
    ('pc_base', 'inductor_graph', 'batch', _EQ),
    ('pc_base', 'inductor_graph', 'dynamic', _R),
    ('pc_shared_count', 'inductor_graph', 'static', _R),
    ('pc_shared_count', 'inductor_graph', 'batch', _R),
    ('pc_shared_count', 'inductor_graph', 'dynamic', _R),
    ('pc_i64_lengths_i32_count', 'inductor_graph', 'static', _R),
    ('pc_i64_lengths_i32_count', 'inductor_graph', 'batch', _R),
    ('pc_i64_lengths_i32_count', 'inductor_graph', 'dynamic', _R),
    ('pc_i32_lengths_i64_count', 'inductor_graph', 'static', _R),
    ('pc_i32_lengths_i64_count', 'inductor_graph', 'batch', _R),
    ('pc_i32_lengths_i64_count', 'inductor_graph', 'dynamic', _R),
    ('pc_count_before_lengths', 'inductor_graph', 'static', _EQ),
    ('pc_count_before_lengths', 'inductor_graph', 'batch', _EQ),
    ('pc_count_before_lengths', 'inductor_graph', 'dynamic', _R),
    ('pc_second_formula_slots_first', 'inductor_graph', 'static', _R),
    ('pc_second_formula_slots_first', 'inductor_graph', 'batch', _R),
    ('pc_second_formula_slots_first', 'inductor_graph', 'dynamic', _R),
    ('pc_second_formula_halfP_first', 'inductor_graph', 'static', _R),
    ('pc_second_formula_halfP_first', 'inductor_graph', 'batch', _R),
    ('pc_second_formula_halfP_first', 'inductor_graph', 'dynamic', _R),
    ('pc_count_minus_one_more', 'inductor_graph', 'static', _R),
    ('pc_count_minus_one_more', 'inductor_graph', 'batch', _R),
    ('pc_count_minus_one_more', 'inductor_graph', 'dynamic', _R),
    ('pc_count_plus_zero_minus', 'inductor_graph', 'static', _EQ),
    ('pc_count_plus_zero_minus', 'inductor_graph', 'batch', _EQ),
    ('pc_count_plus_zero_minus', 'inductor_graph', 'dynamic', _R),
    ('pc_prefix', 'inductor_graph', 'static', _EQ),
    ('pc_prefix', 'inductor_graph', 'batch', _EQ),
    ('pc_prefix', 'inductor_graph', 'dynamic', _R),
    ('pc_prefix_longer_count', 'inductor_graph', 'static', _R),
    ('pc_prefix_longer_count', 'inductor_graph', 'batch', _R),
    ('pc_prefix_longer_count', 'inductor_graph', 'dynamic', _R),
    ('pc_base_meta64', 'inductor_graph', 'static', _EQ),
    ('pc_base_meta64', 'inductor_graph', 'batch', _EQ),
    ('pc_base_meta64', 'inductor_graph', 'dynamic', _R),
    ('ls_base', 'inductor_graph', 'static', _EQ),
    ('ls_base', 'inductor_graph', 'batch', _EQ),
    ('ls_base', 'inductor_graph', 'dynamic', _EQ),
    ('ls_view', 'inductor_graph', 'static', _EQ),
    ('ls_view', 'inductor_graph', 'batch', _EQ),
    ('ls_view', 'inductor_graph', 'dynamic', _EQ),
    ('ls_append_after_stack', 'inductor_graph', 'static', _EQ),
    ('ls_append_after_stack', 'inductor_graph', 'batch', _EQ),
    ('ls_append_after_stack', 'inductor_graph', 'dynamic', _EQ),
    ('ls_cat_unsq', 'inductor_graph', 'static', _EQ),
    ('ls_cat_unsq', 'inductor_graph', 'batch', _EQ),
    ('ls_cat_unsq', 'inductor_graph', 'dynamic', _EQ),
    ('ls_stack_swapped', 'inductor_graph', 'static', _EQ),
    ('ls_stack_swapped', 'inductor_graph', 'batch', _EQ),
    ('ls_stack_swapped', 'inductor_graph', 'dynamic', _EQ),
    ('ls_stack_neg', 'inductor_graph', 'static', _EQ),
    ('ls_stack_neg', 'inductor_graph', 'batch', _EQ),
    ('ls_stack_neg', 'inductor_graph', 'dynamic', _EQ),
    ('ls_cat_three', 'inductor_graph', 'static', _EQ),
    ('ls_cat_three', 'inductor_graph', 'batch', _EQ),
    ('ls_cat_three', 'inductor_graph', 'dynamic', _EQ),
    ('ls_cat_uneven', 'inductor_graph', 'static', _EQ),
    ('ls_cat_uneven', 'inductor_graph', 'batch', _EQ),
    ('ls_cat_uneven', 'inductor_graph', 'dynamic', _EQ),
    ('bound_bwf_plain', 'inductor_graph', 'static', _EQ),
    ('bound_bwf_plain', 'inductor_graph', 'batch', _EQ),
    ('bound_bwf_plain', 'inductor_graph', 'dynamic', _EQ),
    ('bound_bwf_copy_fb', 'inductor_graph', 'static', _EQ),
    ('bound_bwf_copy_fb', 'inductor_graph', 'batch', _EQ),
    ('bound_bwf_copy_fb', 'inductor_graph', 'dynamic', _EQ),
    ('bound_bwf_setitem_fb', 'inductor_graph', 'static', _R),
    ('bound_bwf_setitem_fb', 'inductor_graph', 'batch', _R),
    ('bound_bwf_setitem_fb', 'inductor_graph', 'dynamic', _R),
    ('bound_bwf_clone_fb_setitem', 'inductor_graph', 'static', _R),
    ('bound_bwf_clone_fb_setitem', 'inductor_graph', 'batch', _R),
    ('bound_bwf_clone_fb_setitem', 'inductor_graph', 'dynamic', _R),
    ('bound_bwf_clone_kv_setitem', 'inductor_graph', 'static', _R),
    ('bound_bwf_clone_kv_setitem', 'inductor_graph', 'batch', _R),
    ('bound_bwf_clone_kv_setitem', 'inductor_graph', 'dynamic', _R),
    ('bound_bwf_clone_w_setitem', 'inductor_graph', 'static', _FF),
    ('bound_bwf_clone_w_setitem', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_clone_w_setitem', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_expand_fb_scatter', 'inductor_graph', 'static', _R),
    ('bound_bwf_expand_fb_scatter', 'inductor_graph', 'batch', _R),
    ('bound_bwf_expand_fb_scatter', 'inductor_graph', 'dynamic', _R),
    ('bound_bwf_clone_w_index_copy', 'inductor_graph', 'static', _FF),
    ('bound_bwf_clone_w_index_copy', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_clone_w_index_copy', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_clone_w_scatter', 'inductor_graph', 'static', _FF),
    ('bound_bwf_clone_w_scatter', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_clone_w_scatter', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_w_flat_clone_setitem', 'inductor_graph', 'static', _FF),
    ('bound_bwf_w_flat_clone_setitem', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_w_flat_clone_setitem', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_clone_w_half_setitem', 'inductor_graph', 'static', _FF),
    ('bound_bwf_clone_w_half_setitem', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_clone_w_half_setitem', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_clone_cache_setitem', 'inductor_graph', 'static', _R),
    ('bound_bwf_clone_cache_setitem', 'inductor_graph', 'batch', _R),
    ('bound_bwf_clone_cache_setitem', 'inductor_graph', 'dynamic', _R),
    ('bound_bwf_clone_w_stride', 'inductor_graph', 'static', _R),
    ('bound_bwf_clone_w_stride', 'inductor_graph', 'batch', _R),
    ('bound_bwf_clone_w_stride', 'inductor_graph', 'dynamic', _R),
    ('pc_prefix_whole_buffer_count', 'inductor_graph', 'static', _R),
    ('pc_prefix_whole_buffer_count', 'inductor_graph', 'batch', _R),
    ('pc_prefix_whole_buffer_count', 'inductor_graph', 'dynamic', _R),
    ('bound_bwf_detach_clone_setitem', 'inductor_graph', 'static', _FF),
    ('bound_bwf_detach_clone_setitem', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_detach_clone_setitem', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_t_select_clone_setitem', 'inductor_graph', 'static', _FF),
    ('bound_bwf_t_select_clone_setitem', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_t_select_clone_setitem', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_contiguous_setitem', 'inductor_graph', 'static', _FF),
    ('bound_bwf_contiguous_setitem', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_contiguous_setitem', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_clone_w_then_zeros', 'inductor_graph', 'static', _FF),
    ('bound_bwf_clone_w_then_zeros', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_clone_w_then_zeros', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_clone_w_fp32_setitem', 'inductor_graph', 'static', _EQ),
    ('bound_bwf_clone_w_fp32_setitem', 'inductor_graph', 'batch', _EQ),
    ('bound_bwf_clone_w_fp32_setitem', 'inductor_graph', 'dynamic', _EQ),
    ('bound_bwf_wperm_setitem_flip', 'inductor_graph', 'static', _R),
    ('bound_bwf_wperm_setitem_flip', 'inductor_graph', 'batch', _R),
    ('bound_bwf_wperm_setitem_flip', 'inductor_graph', 'dynamic', _R),
    ('bound_bwf_wperm_index_copy_flip', 'inductor_graph', 'static', _R),
    ('bound_bwf_wperm_index_copy_flip', 'inductor_graph', 'batch', _R),
    ('bound_bwf_wperm_index_copy_flip', 'inductor_graph', 'dynamic', _R),
    ('bound_bwf_clone_w_setitem_flip', 'inductor_graph', 'static', _FF),
    ('bound_bwf_clone_w_setitem_flip', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_clone_w_setitem_flip', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_clone_w_setitem_data', 'inductor_graph', 'static', _FF),
    ('bound_bwf_clone_w_setitem_data', 'inductor_graph', 'batch', _FF),
    ('bound_bwf_clone_w_setitem_data', 'inductor_graph', 'dynamic', _FF),
    ('pc_returns_count', 'inductor_graph', 'static', _EQ),
    ('pc_returns_count', 'inductor_graph', 'batch', _EQ),
    ('pc_returns_count', 'inductor_graph', 'dynamic', _R),
    ('pc_returns_both', 'inductor_graph', 'static', _EQ),
    ('pc_returns_both', 'inductor_graph', 'batch', _EQ),
    ('pc_returns_both', 'inductor_graph', 'dynamic', _R),
    ('pc_two_layers', 'inductor_graph', 'static', _EQ),
    ('pc_two_layers', 'inductor_graph', 'batch', _EQ),
    ('pc_two_layers', 'inductor_graph', 'dynamic', _R),
    ('bound_bwf_attr_clone_w', 'inductor_graph', 'dynamic', _FF),
    ('bound_bwf_attr_plain', 'inductor_graph', 'dynamic', _EQ),
    ('sp_ctrl_page', 'torchair_like', 'static', _EQ),
    ('sp_ctrl_page', 'torchair_like', 'batch', _EQ),
    ('sp_ctrl_page', 'torchair_like', 'dynamic', _R),
    ('sp_ctrl_page_grow', 'torchair_like', 'dynamic', _R),
    ('sp_ctrl_pos', 'torchair_like', 'static', _EQ),
    ('sp_ctrl_pos', 'torchair_like', 'batch', _EQ),
    ('sp_ctrl_pos', 'torchair_like', 'dynamic', _EQ),
    ('sp_ctrl_pos_grow', 'torchair_like', 'dynamic', _EQ),
    ('sp_bf16_pos_small', 'torchair_like', 'static', _R),
    ('sp_bf16_pos_small', 'torchair_like', 'batch', _R),
    ('sp_bf16_pos_small', 'torchair_like', 'dynamic', _R),
    ('sp_bf16_pos_grow', 'torchair_like', 'dynamic', _R),
    ('sp_bf16_pos_static512', 'torchair_like', 'static', _R),
    ('sp_bf16_pos_static512', 'torchair_like', 'batch', _R),
    ('sp_bf16_pos_i32_small', 'torchair_like', 'static', _R),
    ('sp_bf16_pos_i32_small', 'torchair_like', 'batch', _R),
    ('sp_bf16_pos_i32_small', 'torchair_like', 'dynamic', _R),
    ('sp_bf16_pos_i32_grow', 'torchair_like', 'dynamic', _R),
    ('sp_bf16_pos_i32_static512', 'torchair_like', 'static', _R),
    ('sp_bf16_pos_i32_static512', 'torchair_like', 'batch', _R),
    ('sp_bf16_max_small', 'torchair_like', 'static', _R),
    ('sp_bf16_max_small', 'torchair_like', 'batch', _R),
    ('sp_bf16_max_small', 'torchair_like', 'dynamic', _R),
    ('sp_bf16_max_grow', 'torchair_like', 'dynamic', _R),
    ('sp_bf16_max_static512', 'torchair_like', 'static', _R),
    ('sp_bf16_max_static512', 'torchair_like', 'batch', _R),
    ('sp_bf16_page_small', 'torchair_like', 'static', _R),
    ('sp_bf16_page_small', 'torchair_like', 'batch', _R),
    ('sp_bf16_page_small', 'torchair_like', 'dynamic', _R),
    ('sp_bf16_page_grow', 'torchair_like', 'dynamic', _R),
    ('sp_bf16_page_static512', 'torchair_like', 'static', _R),
    ('sp_bf16_page_static512', 'torchair_like', 'batch', _R),
    ('sp_bf16_both_floor_small', 'torchair_like', 'static', _R),
    ('sp_bf16_both_floor_small', 'torchair_like', 'batch', _R),
    ('sp_bf16_both_floor_small', 'torchair_like', 'dynamic', _R),
    ('sp_bf16_both_floor_grow', 'torchair_like', 'dynamic', _R),
    ('sp_bf16_both_floor_static512', 'torchair_like', 'static', _R),
    ('sp_bf16_both_floor_static512', 'torchair_like', 'batch', _R),
    ('sp_half_detour_left_small', 'torchair_like', 'static', _EQ),
    ('sp_half_detour_left_small', 'torchair_like', 'batch', _EQ),
    ('sp_half_detour_left_small', 'torchair_like', 'dynamic', _R),
    ('sp_half_detour_left_grow', 'torchair_like', 'dynamic', _R),
    ('sp_half_detour_left_static512', 'torchair_like', 'static', _R),
    ('sp_half_detour_left_static512', 'torchair_like', 'batch', _R),
    ('sp_f16_pos_grow', 'torchair_like', 'dynamic', _R),
    ('sp_f16_pos_small', 'torchair_like', 'static', _EQ),
    ('sp_f16_pos_small', 'torchair_like', 'batch', _EQ),
    ('sp_f16_pos_small', 'torchair_like', 'dynamic', _R),
    ('sp_clamp_left_f16_grow', 'torchair_like', 'dynamic', _R),
    ('sp_clamp_left_f16_small', 'torchair_like', 'static', _EQ),
    ('sp_clamp_left_f16_small', 'torchair_like', 'batch', _EQ),
    ('sp_clamp_left_f16_small', 'torchair_like', 'dynamic', _R),
    ('sp_f32_pos_small', 'torchair_like', 'static', _EQ),
    ('sp_f32_pos_small', 'torchair_like', 'batch', _EQ),
    ('sp_f32_pos_small', 'torchair_like', 'dynamic', _R),
    ('sp_i16_pos_grow', 'torchair_like', 'dynamic', _R),
    ('sp_i8_pos_small', 'torchair_like', 'static', _R),
    ('sp_i8_pos_small', 'torchair_like', 'batch', _R),
    ('sp_i8_pos_small', 'torchair_like', 'dynamic', _R),
    ('sp_i8_pos_grow', 'torchair_like', 'dynamic', _R),
    ('sp_u8_pos_small', 'torchair_like', 'static', _R),
    ('sp_u8_pos_small', 'torchair_like', 'batch', _R),
    ('sp_u8_pos_small', 'torchair_like', 'dynamic', _R),
    ('sp_u8_pos_grow', 'torchair_like', 'dynamic', _R),
    ('pc_base', 'torchair_like', 'static', _EQ),
    ('pc_base', 'torchair_like', 'batch', _EQ),
    ('pc_base', 'torchair_like', 'dynamic', _R),
    ('pc_shared_count', 'torchair_like', 'static', _R),
    ('pc_shared_count', 'torchair_like', 'batch', _R),
    ('pc_shared_count', 'torchair_like', 'dynamic', _R),
    ('pc_i64_lengths_i32_count', 'torchair_like', 'static', _R),
    ('pc_i64_lengths_i32_count', 'torchair_like', 'batch', _R),
    ('pc_i64_lengths_i32_count', 'torchair_like', 'dynamic', _R),
    ('pc_i32_lengths_i64_count', 'torchair_like', 'static', _R),
    ('pc_i32_lengths_i64_count', 'torchair_like', 'batch', _R),
    ('pc_i32_lengths_i64_count', 'torchair_like', 'dynamic', _R),
    ('pc_count_before_lengths', 'torchair_like', 'static', _EQ),
    ('pc_count_before_lengths', 'torchair_like', 'batch', _EQ),
    ('pc_count_before_lengths', 'torchair_like', 'dynamic', _R),
    ('pc_second_formula_slots_first', 'torchair_like', 'static', _R),
    ('pc_second_formula_slots_first', 'torchair_like', 'batch', _R),
    ('pc_second_formula_slots_first', 'torchair_like', 'dynamic', _R),
    ('pc_second_formula_halfP_first', 'torchair_like', 'static', _R),
    ('pc_second_formula_halfP_first', 'torchair_like', 'batch', _R),
    ('pc_second_formula_halfP_first', 'torchair_like', 'dynamic', _R),
    ('pc_count_minus_one_more', 'torchair_like', 'static', _R),
    ('pc_count_minus_one_more', 'torchair_like', 'batch', _R),
    ('pc_count_minus_one_more', 'torchair_like', 'dynamic', _R),
    ('pc_count_plus_zero_minus', 'torchair_like', 'static', _EQ),
    ('pc_count_plus_zero_minus', 'torchair_like', 'batch', _EQ),
    ('pc_count_plus_zero_minus', 'torchair_like', 'dynamic', _R),
    ('pc_prefix', 'torchair_like', 'static', _EQ),
    ('pc_prefix', 'torchair_like', 'batch', _EQ),
    ('pc_prefix', 'torchair_like', 'dynamic', _R),
    ('pc_prefix_longer_count', 'torchair_like', 'static', _R),
    ('pc_prefix_longer_count', 'torchair_like', 'batch', _R),
    ('pc_prefix_longer_count', 'torchair_like', 'dynamic', _R),
    ('pc_prefix_whole_buffer_count', 'torchair_like', 'static', _R),
    ('pc_prefix_whole_buffer_count', 'torchair_like', 'batch', _R),
    ('pc_prefix_whole_buffer_count', 'torchair_like', 'dynamic', _R),
    ('pc_base_meta64', 'torchair_like', 'static', _EQ),
    ('pc_base_meta64', 'torchair_like', 'batch', _EQ),
    ('pc_base_meta64', 'torchair_like', 'dynamic', _R),
    ('ls_base', 'torchair_like', 'static', _EQ),
    ('ls_base', 'torchair_like', 'batch', _EQ),
    ('ls_base', 'torchair_like', 'dynamic', _EQ),
    ('ls_view', 'torchair_like', 'static', _EQ),
    ('ls_view', 'torchair_like', 'batch', _EQ),
    ('ls_view', 'torchair_like', 'dynamic', _EQ),
    ('ls_append_after_stack', 'torchair_like', 'static', _EQ),
    ('ls_append_after_stack', 'torchair_like', 'batch', _EQ),
    ('ls_append_after_stack', 'torchair_like', 'dynamic', _EQ),
    ('ls_cat_unsq', 'torchair_like', 'static', _EQ),
    ('ls_cat_unsq', 'torchair_like', 'batch', _EQ),
    ('ls_cat_unsq', 'torchair_like', 'dynamic', _EQ),
    ('ls_stack_swapped', 'torchair_like', 'static', _EQ),
    ('ls_stack_swapped', 'torchair_like', 'batch', _EQ),
    ('ls_stack_swapped', 'torchair_like', 'dynamic', _EQ),
    ('ls_stack_neg', 'torchair_like', 'static', _EQ),
    ('ls_stack_neg', 'torchair_like', 'batch', _EQ),
    ('ls_stack_neg', 'torchair_like', 'dynamic', _EQ),
    ('ls_cat_three', 'torchair_like', 'static', _EQ),
    ('ls_cat_three', 'torchair_like', 'batch', _EQ),
    ('ls_cat_three', 'torchair_like', 'dynamic', _EQ),
    ('ls_cat_uneven', 'torchair_like', 'static', _EQ),
    ('ls_cat_uneven', 'torchair_like', 'batch', _EQ),
    ('ls_cat_uneven', 'torchair_like', 'dynamic', _EQ),
    ('bound_bwf_plain', 'torchair_like', 'static', _EQ),
    ('bound_bwf_plain', 'torchair_like', 'batch', _EQ),
    ('bound_bwf_plain', 'torchair_like', 'dynamic', _EQ),
    ('bound_bwf_copy_fb', 'torchair_like', 'static', _EQ),
    ('bound_bwf_copy_fb', 'torchair_like', 'batch', _EQ),
    ('bound_bwf_copy_fb', 'torchair_like', 'dynamic', _EQ),
    ('bound_bwf_setitem_fb', 'torchair_like', 'static', _R),
    ('bound_bwf_setitem_fb', 'torchair_like', 'batch', _R),
    ('bound_bwf_setitem_fb', 'torchair_like', 'dynamic', _R),
    ('bound_bwf_clone_fb_setitem', 'torchair_like', 'static', _R),
    ('bound_bwf_clone_fb_setitem', 'torchair_like', 'batch', _R),
    ('bound_bwf_clone_fb_setitem', 'torchair_like', 'dynamic', _R),
    ('bound_bwf_clone_kv_setitem', 'torchair_like', 'static', _R),
    ('bound_bwf_clone_kv_setitem', 'torchair_like', 'batch', _R),
    ('bound_bwf_clone_kv_setitem', 'torchair_like', 'dynamic', _R),
    ('bound_bwf_clone_w_setitem', 'torchair_like', 'static', _FF),
    ('bound_bwf_clone_w_setitem', 'torchair_like', 'batch', _FF),
    ('bound_bwf_clone_w_setitem', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_expand_fb_scatter', 'torchair_like', 'static', _R),
    ('bound_bwf_expand_fb_scatter', 'torchair_like', 'batch', _R),
    ('bound_bwf_expand_fb_scatter', 'torchair_like', 'dynamic', _R),
    ('bound_bwf_clone_w_index_copy', 'torchair_like', 'static', _FF),
    ('bound_bwf_clone_w_index_copy', 'torchair_like', 'batch', _FF),
    ('bound_bwf_clone_w_index_copy', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_clone_w_scatter', 'torchair_like', 'static', _FF),
    ('bound_bwf_clone_w_scatter', 'torchair_like', 'batch', _FF),
    ('bound_bwf_clone_w_scatter', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_w_flat_clone_setitem', 'torchair_like', 'static', _FF),
    ('bound_bwf_w_flat_clone_setitem', 'torchair_like', 'batch', _FF),
    ('bound_bwf_w_flat_clone_setitem', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_clone_w_half_setitem', 'torchair_like', 'static', _FF),
    ('bound_bwf_clone_w_half_setitem', 'torchair_like', 'batch', _FF),
    ('bound_bwf_clone_w_half_setitem', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_clone_cache_setitem', 'torchair_like', 'static', _R),
    ('bound_bwf_clone_cache_setitem', 'torchair_like', 'batch', _R),
    ('bound_bwf_clone_cache_setitem', 'torchair_like', 'dynamic', _R),
    ('bound_bwf_clone_w_stride', 'torchair_like', 'static', _R),
    ('bound_bwf_clone_w_stride', 'torchair_like', 'batch', _R),
    ('bound_bwf_clone_w_stride', 'torchair_like', 'dynamic', _R),
    ('bound_bwf_detach_clone_setitem', 'torchair_like', 'static', _FF),
    ('bound_bwf_detach_clone_setitem', 'torchair_like', 'batch', _FF),
    ('bound_bwf_detach_clone_setitem', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_t_select_clone_setitem', 'torchair_like', 'static', _FF),
    ('bound_bwf_t_select_clone_setitem', 'torchair_like', 'batch', _FF),
    ('bound_bwf_t_select_clone_setitem', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_contiguous_setitem', 'torchair_like', 'static', _FF),
    ('bound_bwf_contiguous_setitem', 'torchair_like', 'batch', _FF),
    ('bound_bwf_contiguous_setitem', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_clone_w_then_zeros', 'torchair_like', 'static', _FF),
    ('bound_bwf_clone_w_then_zeros', 'torchair_like', 'batch', _FF),
    ('bound_bwf_clone_w_then_zeros', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_clone_w_fp32_setitem', 'torchair_like', 'static', _EQ),
    ('bound_bwf_clone_w_fp32_setitem', 'torchair_like', 'batch', _EQ),
    ('bound_bwf_clone_w_fp32_setitem', 'torchair_like', 'dynamic', _EQ),
    ('bound_bwf_wperm_setitem_flip', 'torchair_like', 'static', _R),
    ('bound_bwf_wperm_setitem_flip', 'torchair_like', 'batch', _R),
    ('bound_bwf_wperm_setitem_flip', 'torchair_like', 'dynamic', _R),
    ('bound_bwf_wperm_index_copy_flip', 'torchair_like', 'static', _R),
    ('bound_bwf_wperm_index_copy_flip', 'torchair_like', 'batch', _R),
    ('bound_bwf_wperm_index_copy_flip', 'torchair_like', 'dynamic', _R),
    ('bound_bwf_clone_w_setitem_flip', 'torchair_like', 'static', _FF),
    ('bound_bwf_clone_w_setitem_flip', 'torchair_like', 'batch', _FF),
    ('bound_bwf_clone_w_setitem_flip', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_clone_w_setitem_data', 'torchair_like', 'static', _FF),
    ('bound_bwf_clone_w_setitem_data', 'torchair_like', 'batch', _FF),
    ('bound_bwf_clone_w_setitem_data', 'torchair_like', 'dynamic', _FF),
    ('pc_returns_count', 'torchair_like', 'static', _EQ),
    ('pc_returns_count', 'torchair_like', 'batch', _EQ),
    ('pc_returns_count', 'torchair_like', 'dynamic', _R),
    ('pc_returns_both', 'torchair_like', 'static', _EQ),
    ('pc_returns_both', 'torchair_like', 'batch', _EQ),
    ('pc_returns_both', 'torchair_like', 'dynamic', _R),
    ('pc_two_layers', 'torchair_like', 'static', _EQ),
    ('pc_two_layers', 'torchair_like', 'batch', _EQ),
    ('pc_two_layers', 'torchair_like', 'dynamic', _R),
    ('bound_bwf_attr_clone_w', 'torchair_like', 'dynamic', _FF),
    ('bound_bwf_attr_plain', 'torchair_like', 'dynamic', _EQ),
    ('bound_bwf_plain', 'inductor', 'static', _EQ),
    ('bound_bwf_plain', 'inductor', 'batch', _EQ),
    ('bound_bwf_plain', 'inductor', 'dynamic', _EQ),
    ('bound_bwf_clone_w_setitem', 'inductor', 'static', _FF),
    ('bound_bwf_clone_w_setitem', 'inductor', 'batch', _FF),
    ('bound_bwf_clone_w_setitem', 'inductor', 'dynamic', _FF),
    ('bound_bwf_clone_w_index_copy', 'inductor', 'static', _FF),
    ('bound_bwf_clone_w_index_copy', 'inductor', 'batch', _FF),
    ('bound_bwf_clone_w_index_copy', 'inductor', 'dynamic', _FF),
    ('bound_bwf_clone_w_scatter', 'inductor', 'static', _FF),
    ('bound_bwf_clone_w_scatter', 'inductor', 'batch', _FF),
    ('bound_bwf_clone_w_scatter', 'inductor', 'dynamic', _FF),
    ('bound_bwf_w_flat_clone_setitem', 'inductor', 'static', _FF),
    ('bound_bwf_w_flat_clone_setitem', 'inductor', 'batch', _FF),
    ('bound_bwf_w_flat_clone_setitem', 'inductor', 'dynamic', _FF),
    ('bound_bwf_clone_w_half_setitem', 'inductor', 'static', _FF),
    ('bound_bwf_clone_w_half_setitem', 'inductor', 'batch', _FF),
    ('bound_bwf_clone_w_half_setitem', 'inductor', 'dynamic', _FF),
    ('bound_bwf_detach_clone_setitem', 'inductor', 'static', _FF),
    ('bound_bwf_detach_clone_setitem', 'inductor', 'batch', _FF),
    ('bound_bwf_detach_clone_setitem', 'inductor', 'dynamic', _FF),
    ('bound_bwf_t_select_clone_setitem', 'inductor', 'static', _FF),
    ('bound_bwf_t_select_clone_setitem', 'inductor', 'batch', _FF),
    ('bound_bwf_t_select_clone_setitem', 'inductor', 'dynamic', _FF),
    ('bound_bwf_contiguous_setitem', 'inductor', 'static', _FF),
    ('bound_bwf_contiguous_setitem', 'inductor', 'batch', _FF),
    ('bound_bwf_contiguous_setitem', 'inductor', 'dynamic', _FF),
    ('bound_bwf_clone_w_then_zeros', 'inductor', 'static', _FF),
    ('bound_bwf_clone_w_then_zeros', 'inductor', 'batch', _FF),
    ('bound_bwf_clone_w_then_zeros', 'inductor', 'dynamic', _FF),
    ('bound_bwf_clone_w_fp32_setitem', 'inductor', 'static', _EQ),
    ('bound_bwf_clone_w_fp32_setitem', 'inductor', 'batch', _EQ),
    ('bound_bwf_clone_w_fp32_setitem', 'inductor', 'dynamic', _EQ),
    ('bound_bwf_clone_w_setitem_flip', 'inductor', 'static', _FF),
    ('bound_bwf_clone_w_setitem_flip', 'inductor', 'batch', _FF),
    ('bound_bwf_clone_w_setitem_flip', 'inductor', 'dynamic', _FF),
    ('bound_bwf_clone_w_setitem_data', 'inductor', 'static', _FF),
    ('bound_bwf_clone_w_setitem_data', 'inductor', 'batch', _FF),
    ('bound_bwf_clone_w_setitem_data', 'inductor', 'dynamic', _FF),
    ('ls_base', 'inductor', 'static', _EQ),
    ('ls_base', 'inductor', 'batch', _EQ),
    ('ls_base', 'inductor', 'dynamic', _EQ),
    ('ls_append_after_stack', 'inductor', 'static', _EQ),
    ('ls_append_after_stack', 'inductor', 'batch', _EQ),
    ('ls_append_after_stack', 'inductor', 'dynamic', _EQ),
    ('bound_bwf_attr_clone_w', 'inductor', 'dynamic', _FF),
    ('bound_bwf_attr_plain', 'inductor', 'dynamic', _EQ),
]


def classify42(name, factory, dialect, mode=None):
    """redteam7's classify7; ``bound_*`` scenarios in ``torchair_like`` through ``bound_ta`` (as redteam41)."""
    from tests.corpora.redteam7 import classify_scenario
    if name.startswith("bound_") and dialect == "torchair_like":
        return classify_scenario(name, factory, "bound_ta", mode)
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify42)
