"""Fourth adversarial review of the recogniser (issue 18, "a fresh adversarial review, attacks not listed").

White-box attacks that neither issue 18's classes (``tests/corpora/attacks.py``) nor the second and third
reviews (``redteam2.py``, ``redteam3.py``) have.  Same format as redteam3: every entry of ``ATTACKS`` is
``(name, factory, notes)``; the factory returns ``(step, inputs, modes)``; the runner and classification
(REFUSED / FUSED & EQUAL / FALSE FUSION / CONTROL DIFFERS / CRASH, with the NSA_FUSION_DISABLE=1 control)
are redteam2's.

    python tests/corpora/redteam4.py [--dialect inductor_graph|inductor|torchair_like] [--mode M] [name ...]
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import (L, STRIDE, build, completes, contract, pool, positions,  # noqa: E402
                                   tokens, write, _qualifies)
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _grow, _mk, GROW_8K  # noqa: E402
from tests.corpora.redteam3 import classify_any  # noqa: E402


def _new(kv, w, table, lens):
    return pool(tokens(kv, table, positions(lens)), w)


# --- 1. slot path: "adding a constant" is one-to-one only for a scalar constant ---------------------------
def s_slots_plus_const_vector(kv, w, slots, table, lens, cache):
    """slots + c, c a constant [B] vector (1 at row 3, else 0): two rows can land on one cache row."""
    B = slots.shape[0]
    c = (torch.arange(B) == 3).long()
    s = (slots.long() + c) % cache.shape[0]
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    return cache


def _collide_row3_row4():
    """Row 3 completes (slot x), row 4 does not (slot x + 1): with slot + [0,0,0,1,0..] both name x + 1."""
    x = build(specials=False)
    slots, lens = x.args[2], x.args[4]
    # put a completing row at 3 and a non-completing one at 4
    lens[3], lens[4] = 48, 47
    x3 = int(slots[3])
    want = (x3 + 1) % x.args[5].shape[0]
    j = (slots == want).nonzero()
    if len(j):
        slots[int(j[0])] = slots[4].clone()
    slots[4] = want
    return x


# --- 2. the mask bound counts constants, not nonlinearity: s * s, int32 wrap of a product -----------------
def _cond_with(cond_of):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, cond_of(lens), _new(kv, w, table, lens))
    return step


c_square_below = _cond_with(lambda s: completes(s) & (s * s < s * 64 * 64))          # s < 4096, consts 64, 64
c_square_below_fours = _cond_with(lambda s: completes(s) & (s * s < s * 4 * 4 * 4 * 4 * 4 * 4))  # s < 4096
c_square_wraps = _cond_with(lambda s: completes(s) & (s.int() * s.int() >= 0))     # int32: false from s = 46341
c_square_minus = _cond_with(lambda s: completes(s) & ((s - 64) * (s - 64) < 4032 * 4032 + 0 * s))


def _grow_to(pages, lens_big, B=None):
    return [build(B=8, N=1), build(B=len(lens_big), pages=pages, distinct_pages=False, block_num=64, N=1,
                              lengths=lens_big, specials=False, seed=1)]


GROW_47K = [46352, 46368, 4112, 48, 0, 46400, 46384, 33]

# --- 3. addcmul accumulation: the CPU kernel is a fused multiply-add; "exact products" fails at overflow ------
def f_addcmul_loop(kv, w, slots, table, lens, cache):
    """acc = addcmul(acc, tok_j, w_j) in window order from zeros (bf16 data: allowed as 'products exact')."""
    tok = tokens(kv, table, positions(lens)).float()
    wf = w.float()
    acc = torch.zeros_like(tok[:, 0])
    for j in range(L):
        acc = torch.addcmul(acc, tok[:, j], wf[j][None, :, None])
    return write(cache, slots, completes(lens), acc)


def _fma_overflow(dtype=torch.bfloat16):
    """A window whose product 0 is -inf and product 1 overflows fp32 (3 * 2^127 from bf16 1.5 * 2^127 times 2):
    rounded products give -inf + inf = NaN (the op), a fused multiply-add gives -inf (eager addcmul)."""
    big = 1.5 * 2.0 ** 127
    wt = torch.zeros(L, 2)
    wt[0], wt[1] = 1.0, 2.0
    return build(dtype=dtype, specials=False, seed=21, weight=wt.to(dtype),
                 window=lambda b, s: [float("-inf"), big] + [0.0] * (L - 2))


ATTACKS = [
    ("slots_plus_const_vector", _mk(s_slots_plus_const_vector, lambda: [build(), _collide_row3_row4()]),
     "slots + (arange(B) == 3): adding a constant *vector* is not one-to-one (row 3 lands on row 4's slot)"),
]

ATTACKS += [
    ("cond_square_below_dyn", _mk(c_square_below, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes & (s * s < s * 64 * 64) (= s < 4096): the mask bound sums constants (128), blind to s * s"),
    ("cond_square_below_fours_dyn", _mk(c_square_below_fours, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes & (s * s < s * 4**6) (= s < 4096) with six factors 4: constants sum to 24, bound ~3.4k"),
    ("cond_square_wraps_dyn", _mk(c_square_wraps, lambda: _grow_to(725, GROW_47K), ("dynamic",)),
     "completes & (s * s >= 0) in int32: wraps negative from s = 46341; compiled at capacity 256"),
]

ATTACKS += [
    ("addcmul_loop_fma_overflow_bf16", _mk(f_addcmul_loop, lambda: [build(dtype=torch.bfloat16), _fma_overflow()]),
     "bf16 addcmul accumulation: eager's kernel fuses multiply and add (-inf + overflow = -inf), the op rounds "
     "the product first (-inf + inf = NaN)"),
]

BY_NAME = {name: (factory, notes) for name, factory, notes in ATTACKS}


def main(argv):
    redteam2.main(argv, ATTACKS, classify_any)


if __name__ == "__main__":
    main(sys.argv[1:])
