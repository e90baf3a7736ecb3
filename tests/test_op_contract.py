"""The operator contract of docs/contract.md, tested against the independent numpy golden (tests/golden.py).

* the fused op (``nsa_fusion.compress_infer`` -> ``torch.ops.nsa_fusion.compress_infer_``) is
  BIT-exact to the golden (same fp32 accumulation order, one RNE rounding);
* the reference (``nsa_fusion.reference.compress_infer``) sums the same fp32 products in torch's
  order, so it is held to a rigorous bound instead: |ref - golden| <= ulp_dtype(|golden|) + E,
  E = 2 * (l - 1) * 2**-24 * sum_j |w_j * x_j|  (two fp32 summations of l terms in different orders,
  Higham's gamma_{l-1} each, then one rounding of each to the output dtype, which adds <= 1 ulp);
* bad input raises ValueError/TypeError/IndexError naming the argument, with the cache untouched;
* opcheck of the custom ops; the op and the reference inside ``torch.compile(fullgraph=True)``.

Inputs are built here (not with nsa_fusion.testing) so that the test shares no code with the package.
"""
from __future__ import annotations

import contextlib

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nsa_fusion
from golden import golden_compress_infer, qualifies

F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32
I32, I64 = torch.int32, torch.int64

# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------
_BITS = {F16: torch.int16, BF16: torch.int16, F32: torch.int32}
# (precision p incl. the implicit bit, smallest normal exponent) of each float dtype
_FMT = {F16: (11, -14), BF16: (8, -126), F32: (24, -126)}


def bits(t: torch.Tensor) -> torch.Tensor:
    """Bit pattern view (distinguishes -0.0 / 0.0 and NaN payloads; works on non-contiguous views)."""
    return t.view(_BITS[t.dtype])


def bit_equal(a: torch.Tensor, b: torch.Tensor) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and torch.equal(bits(a), bits(b))


def ulp(x: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """Spacing of ``dtype`` at |x| (float64 result; subnormal spacing below the normal range)."""
    p, emin = _FMT[dtype]
    _, e = torch.frexp(x.double().abs())  # |x| = m * 2**e, m in [0.5, 1)  ->  floor(log2|x|) = e - 1
    return torch.ldexp(torch.ones_like(x, dtype=torch.float64), (e - 1).clamp(min=emin) - (p - 1))


def _rng(seed):
    return torch.Generator().manual_seed(seed)


def _lengths_for(qual, l, d, cap, g):
    """One length: qualifying (s >= l, (s - l) % d == 0) or not (incl. s < l), all <= cap."""
    if qual:
        k_max = (cap - l) // d
        return l + d * int(torch.randint(0, k_max + 1, (1,), generator=g))
    while True:
        s = int(torch.randint(0, cap + 1, (1,), generator=g))
        if not qualifies(s, l, d):
            return s


def build(B=8, N=4, D=64, l=32, d=16, P=64, dtype=F16, index_dtype=I32, qualifying="some", pages_per_seq=None,
          block_num=None, num_slots=None, lengths=None, seed=0):
    """A case as a dict.  ``qualifying``: "none" | "some" | "all" | "random" (a coin per batch)."""
    g = _rng(seed)
    pages_per_seq = pages_per_seq or max(2, -(-(l + 2 * d) // P) + 1)
    block_num = block_num or max(2, min(B * pages_per_seq, 12))
    num_slots = num_slots or B + 5
    cap = pages_per_seq * P
    inp = torch.randn(block_num, P, N, D, generator=g).to(dtype)
    weight = (torch.randn(l, N, generator=g) * 0.3).to(dtype)
    block_table = torch.randint(0, block_num, (B, pages_per_seq), generator=g).to(index_dtype)
    slots = torch.randperm(num_slots, generator=g)[:B].to(index_dtype)
    cache = torch.randn(num_slots, N, D, generator=g).to(dtype)  # random: untouched rows are checked
    if lengths is None:
        if qualifying == "none":
            flags = [False] * B
        elif qualifying == "all":
            flags = [True] * B
        elif qualifying == "some":
            flags = [b % 2 == 0 for b in range(B)]
        else:
            flags = [bool(v) for v in torch.randint(0, 2, (B,), generator=g)]
        lengths = [_lengths_for(f, l, d, cap, g) for f in flags]
    lengths = torch.tensor(lengths, dtype=index_dtype)
    return dict(input=inp, weight=weight, slots=slots, block_table=block_table, lengths=lengths, cache=cache,
                l=l, d=d, P=P)


def call(fn, c, **over):
    c = dict(c, **over)
    return fn(c["input"], c["weight"], c["slots"], c["l"], c["d"], c["P"], block_table=c["block_table"],
              actual_seq_len=c["lengths"], cache=c["cache"])


def golden(c, **over):
    c = dict(c, **over)
    return golden_compress_infer(c["input"], c["weight"], c["slots"], c["l"], c["d"], c["P"],
                                 block_table=c["block_table"], actual_seq_len=c["lengths"], cache=c["cache"])


def abs_sum(c):
    """S[slot, h, :] = sum_j |w[j,h] * x_j[h,:]| (fp64) for qualifying batches; 0 elsewhere."""
    x, w = c["input"].double(), c["weight"].double()
    out = torch.zeros(c["cache"].shape, dtype=torch.float64)
    lens = torch.as_tensor(c["lengths"]).tolist()
    for b, s in enumerate(lens):
        if not qualifies(s, c["l"], c["d"]):
            continue
        p = torch.arange(s - c["l"], s)
        tok = x[c["block_table"][b].long()[p // c["P"]], p % c["P"]]  # [l, N, D]
        out[int(c["slots"][b])] = (tok * w[:, :, None]).abs().sum(0)
    return out


def assert_within_one_rounding(got, expected, c):
    l, dtype = c["l"], expected.dtype
    err = (got.double() - expected.double()).abs()
    allowed = ulp(expected, dtype) + 2 * (l - 1) * 2.0 ** -24 * abs_sum(c) * (1 + 2.0 ** -20)
    bad = err > allowed
    assert not bool(bad.any()), (f"{int(bad.sum())} elements beyond one rounding; worst excess "
                                 f"{float((err - allowed).max())}")


def run_fused(c, **over):
    """Run the fused op on a clone of the cache; check identity, golden bit-exactness, untouched rows."""
    c = dict(c, **over)
    expected = golden(c)
    before = c["cache"].clone()
    cache = c["cache"]
    out = call(nsa_fusion.compress_infer, c)
    assert out is cache
    assert bit_equal(cache, expected)
    written = torch.zeros(cache.shape[0], dtype=torch.bool)
    for b, s in enumerate(torch.as_tensor(c["lengths"]).tolist()):
        if qualifies(s, c["l"], c["d"]):
            written[int(c["slots"][b])] = True
    assert bit_equal(cache[~written], before[~written])
    return expected


def _id(case):
    return "-".join(f"{k}={str(v).replace('torch.', '')}" for k, v in case.items()) or "base"


# --------------------------------------------------------------------------------------------------
# fused op and reference vs the golden: one axis at a time around the base case, plus combinations
# --------------------------------------------------------------------------------------------------
LD_PAIRS = [(l, d) for l in (16, 32, 48, 64) for d in (16, 32, 48, 64) if l >= d]
CASES = (
    [dict()]
    + [dict(dtype=t) for t in (BF16, F32)]
    + [dict(N=n) for n in (1, 2, 16, 52)]
    + [dict(D=x) for x in (16, 128, 192, 256)]
    + [dict(l=l, d=d) for l, d in LD_PAIRS if (l, d) != (32, 16)]
    + [dict(P=128)]
    + [dict(B=1, qualifying="all"), dict(B=1, qualifying="none"), dict(B=200, N=2, D=16, qualifying="random")]
    + [dict(qualifying=q) for q in ("none", "all")]
    + [dict(index_dtype=I64)]
    # combined cases
    + [dict(dtype=BF16, N=52, D=256, l=64, d=48, P=128, B=17, qualifying="all"),
       dict(dtype=F32, N=16, D=192, l=48, d=32, P=128, B=33, index_dtype=I64, qualifying="random"),
       dict(dtype=BF16, N=1, D=16, l=16, d=16, P=64, B=200, qualifying="all"),
       dict(dtype=F16, N=63, D=128, l=64, d=16, P=64, B=5, qualifying="random", seed=3)]
    # l > P: windows spanning 3+ pages (portable op only), incl. a P that does not divide l
    + [dict(P=16, l=64, d=16, qualifying="all"), dict(P=16, l=48, d=32, dtype=BF16),
       dict(P=24, l=64, d=16, dtype=F32, qualifying="all", index_dtype=I64)]
)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_fused_op_bit_exact_vs_golden(case):
    run_fused(build(**case))


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_reference_within_one_rounding_of_golden(case):
    c = build(**case)
    expected = golden(c)
    cache = c["cache"]
    before = cache.clone()
    out = call(nsa_fusion.reference.compress_infer, c)
    assert out is cache
    assert_within_one_rounding(cache, expected, c)
    changed = (bits(expected) != bits(before)).flatten(1).any(1)
    assert bit_equal(cache[~changed], before[~changed])  # rows not written stay bit-identical


@pytest.mark.parametrize("dtype,rtol", [(F16, 2.0 ** -10), (BF16, 2.0 ** -7)], ids=["fp16", "bf16"])
def test_reference_relative_tolerance_away_from_cancellation(dtype, rtol):
    """The brief's rtol (one ulp of the output dtype, relative) holds where there is no cancellation:
    with non-negative weights and tokens the fp32 order difference (<= ~l * 2**-24 relative) is far
    below half an fp16/bf16 ulp, so at most one rounding step separates reference and golden."""
    c = build(B=16, N=8, D=64, dtype=dtype, qualifying="all", seed=11)
    c["input"] = c["input"].abs()
    c["weight"] = c["weight"].abs()
    expected = golden(c)
    call(nsa_fusion.reference.compress_infer, c)
    torch.testing.assert_close(c["cache"], expected, rtol=rtol, atol=0)


@pytest.mark.parametrize("kind", ["list", "int32", "int64"])
def test_actual_seq_len_as_list_or_tensor(kind):
    c = build(B=6, qualifying="random", seed=5)
    lens = c["lengths"].tolist()
    lengths = lens if kind == "list" else torch.tensor(lens, dtype=I32 if kind == "int32" else I64)
    c2 = build(B=6, qualifying="random", seed=5)
    expected = golden(c2, lengths=lens)
    run_fused(c, lengths=lengths)
    assert bit_equal(c["cache"], expected)
    call(nsa_fusion.reference.compress_infer, c2, lengths=lengths)
    assert_within_one_rounding(c2["cache"], expected, c2)


# (l, d, P, lengths): windows that cross a page boundary, end exactly at a page end, start at a page
# start, end at the block table's capacity, and lengths below l (nothing written)
BOUNDARY = [
    (32, 16, 64, [32, 64, 80, 128, 96, 192, 48, 176]),   # 80/176: cross; 64/128/192: end at a page end
    (64, 16, 64, [64, 80, 128, 144, 192, 112, 160, 176]),  # l == P: every non-aligned window crosses
    (48, 16, 128, [48, 128, 144, 256, 176, 384, 160, 240]),
    (64, 64, 128, [64, 128, 192, 256, 320, 384, 0, 63]),
    (32, 32, 64, [0, 1, 31, 33, 63, 65, 191, 2]),  # nothing qualifies: lengths < l and off-stride
]


@pytest.mark.parametrize("l,d,P,lengths", BOUNDARY, ids=[f"l{x[0]}-d{x[1]}-P{x[2]}" for x in BOUNDARY])
@pytest.mark.parametrize("dtype", [F16, BF16], ids=["fp16", "bf16"])
def test_page_boundaries(l, d, P, lengths, dtype):
    c = build(B=len(lengths), l=l, d=d, P=P, dtype=dtype, pages_per_seq=3, lengths=lengths, block_num=9, seed=l + d)
    # distinct pages per sequence, so a wrong page index cannot coincide with the right one
    c["block_table"] = torch.stack([torch.randperm(9, generator=_rng(b))[:3] for b in range(len(lengths))]).to(I32)
    expected = run_fused(c, cache=c["cache"].clone())
    if not any(qualifies(s, l, d) for s in lengths):
        assert bit_equal(expected, c["cache"])
    call(nsa_fusion.reference.compress_infer, c)
    assert_within_one_rounding(c["cache"], expected, c)


def test_lengths_below_l_write_nothing():
    c = build(B=5, l=64, d=16, lengths=[0, 1, 15, 48, 63])
    before = c["cache"].clone()
    assert call(nsa_fusion.compress_infer, c) is c["cache"]
    assert bit_equal(c["cache"], before)
    call(nsa_fusion.reference.compress_infer, c)
    assert bit_equal(c["cache"], before)


def test_empty_batch():
    c = build(B=0, lengths=[])
    before = c["cache"].clone()
    assert call(nsa_fusion.compress_infer, c) is c["cache"]
    assert bit_equal(c["cache"], before)


def test_seed_example_writes_nothing():
    g = _rng(0)
    inp = torch.randn(1, 128, 1, 192, generator=g).to(F16)
    weight = torch.randn(32, 1, generator=g).to(F16)
    cache = torch.randn(1, 1, 192, generator=g).to(F16)
    before = cache.clone()
    args = (inp, weight, torch.tensor([0], dtype=I32), 32, 16, 128)
    kw = dict(block_table=torch.tensor([[0]], dtype=I32), actual_seq_len=[43])
    assert nsa_fusion.compress_infer(*args, **kw, cache=cache) is cache
    assert bit_equal(cache, before)
    assert nsa_fusion.reference.compress_infer(*args, **kw, cache=cache) is cache
    assert bit_equal(cache, before)
    assert bit_equal(golden_compress_infer(*args, **kw, cache=cache), before)


# --- non-contiguous operands ------------------------------------------------------------------------
def _noncontig(c, what):
    """Replace one operand by a non-contiguous tensor with the same values; return (case, outer cache)."""
    c = dict(c)
    outer = None
    t = c[what] if what in c else None
    if what == "input_D_slice":
        big = torch.randn(*c["input"].shape[:3], c["input"].shape[3] + 48).to(c["input"].dtype)
        big[..., 16:16 + c["input"].shape[3]] = c["input"]
        c["input"] = big[..., 16:16 + c["input"].shape[3]]
    elif what == "input_page_stride":
        big = torch.randn(2 * c["input"].shape[0], *c["input"].shape[1:]).to(c["input"].dtype)
        big[1::2] = c["input"]
        c["input"] = big[1::2]
    elif what == "input_heads_outer":  # memory layout [block_num, N, P, D]
        c["input"] = c["input"].transpose(1, 2).contiguous().transpose(1, 2)
    elif what == "weight_transposed":
        c["weight"] = c["weight"].t().contiguous().t()
    elif what == "cache_D_slice":
        outer = torch.randn(*c["cache"].shape[:2], c["cache"].shape[2] + 32).to(c["cache"].dtype)
        outer[..., 8:8 + c["cache"].shape[2]] = c["cache"]
        c["cache"] = outer[..., 8:8 + c["cache"].shape[2]]
    elif what == "cache_slot_stride":
        outer = torch.randn(3 * c["cache"].shape[0], *c["cache"].shape[1:]).to(c["cache"].dtype)
        outer[::3] = c["cache"]
        c["cache"] = outer[::3]
    elif what == "cache_heads_outer":  # memory layout [N, num_slots, D]
        outer = c["cache"].transpose(0, 1).contiguous()
        c["cache"] = outer.transpose(0, 1)
    elif what == "block_table_col_stride":
        t = c["block_table"]
        big = torch.full((t.shape[0], 2 * t.shape[1]), -7, dtype=t.dtype)
        big[:, ::2] = t
        c["block_table"] = big[:, ::2]
    elif what in ("slots", "lengths"):
        big = torch.full((2 * t.shape[0],), -3, dtype=t.dtype)
        big[::2] = t
        c[what] = big[::2]
    else:
        raise AssertionError(what)
    assert not all(c[k].is_contiguous() for k in ("input", "weight", "cache", "block_table", "slots", "lengths"))
    return c, outer


NONCONTIG = ["input_D_slice", "input_page_stride", "input_heads_outer", "weight_transposed", "cache_D_slice",
             "cache_slot_stride", "cache_heads_outer", "block_table_col_stride", "slots", "lengths"]


@pytest.mark.parametrize("what", NONCONTIG)
@pytest.mark.parametrize("dtype", [F16, F32], ids=["fp16", "fp32"])
def test_non_contiguous_operands(what, dtype):
    base = build(B=6, N=3, D=32, dtype=dtype, qualifying="random", seed=7)
    c, outer = _noncontig(base, what)
    outer_before = None if outer is None else outer.clone()
    expected = run_fused(c)
    assert bit_equal(expected, golden(base))
    if outer is not None:  # the rest of the storage around a cache view is never written
        mask = torch.ones_like(outer, dtype=torch.bool)
        if what == "cache_D_slice":
            mask[..., 8:8 + c["cache"].shape[2]] = False
            assert bit_equal(outer[mask], outer_before[mask])
        elif what == "cache_slot_stride":
            mask[::3] = False
            assert bit_equal(outer[mask], outer_before[mask])
    c2, _ = _noncontig(dict(base, cache=base["cache"].clone()), what)
    call(nsa_fusion.reference.compress_infer, c2)
    assert_within_one_rounding(c2["cache"], expected, c2)


@contextlib.contextmanager
def _pure_torch_kernel(monkeypatch):
    """The op's CPU kernel is the pure-torch one within the block; yields the list of its calls."""
    from nsa_fusion.lowering import portable

    calls = []
    kernel = portable.compress_cpu_torch

    def counted(*args):
        calls.append(args[0].shape)
        return kernel(*args)

    monkeypatch.setattr(portable, "compress_cpu_torch", counted)  # pure_torch_cpu registers this name
    with portable.pure_torch_cpu():
        yield calls


@pytest.mark.parametrize("case", [dict(), dict(dtype=BF16, N=2, D=16, index_dtype=I64), dict(P=16, l=64, d=16),
                                  dict(dtype=F32, qualifying="all")], ids=_id)
def test_pure_torch_cpu_kernel_bit_exact_too(case, monkeypatch):
    """Without the native C++ kernel the CPU kernel is vectorised torch; same bits.  The native kernel
    registers itself on the op's CPU key when it loads, so the pure-torch kernel is put above it
    (``portable.pure_torch_cpu``, as on a machine without a compiler), and the test checks it ran."""
    with _pure_torch_kernel(monkeypatch) as calls:
        run_fused(build(**{"qualifying": "random", **case}))
    assert calls, "the pure-torch CPU kernel did not run"


# --------------------------------------------------------------------------------------------------
# property test over the vendor range
# --------------------------------------------------------------------------------------------------
@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(ld=st.sampled_from(LD_PAIRS), P=st.sampled_from([64, 128]), D=st.integers(1, 16).map(lambda k: 16 * k),
       N=st.integers(1, 63).map(lambda n: n - 1 if n > 50 and n % 2 else n), B=st.integers(1, 64),
       dtype=st.sampled_from([F16, BF16]), index_dtype=st.sampled_from([I32, I64]),
       qualifying=st.sampled_from(["random", "all", "none", "some"]), seed=st.integers(0, 2 ** 31 - 1))
def test_property_fused_op_bit_exact_in_vendor_range(ld, P, D, N, B, dtype, index_dtype, qualifying, seed):
    l, d = ld
    c = build(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype, index_dtype=index_dtype, qualifying=qualifying,
              block_num=min(6, 2 * B), seed=seed)
    run_fused(c)


# --------------------------------------------------------------------------------------------------
# opcheck: schema, fake kernel, autograd registration, AOT dispatch
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype,index_dtype", [(F16, I32), (F32, I64), (BF16, I32)],
                         ids=["fp16-int32", "fp32-int64", "bf16-int32"])
def test_opcheck_compress_infer(dtype, index_dtype):
    c = build(B=4, N=2, D=16, dtype=dtype, index_dtype=index_dtype, qualifying="some")
    args = (c["input"], c["weight"], c["slots"], c["block_table"], c["lengths"], c["cache"], c["l"], c["d"], c["P"])
    torch.library.opcheck(torch.ops.nsa_fusion.compress_infer_.default, args)


# --------------------------------------------------------------------------------------------------
# bad input: right exception, names the argument, cache unchanged
# --------------------------------------------------------------------------------------------------
def _bad_base():
    # B = 4, l = 32, d = 16, P = 64, 3 pages per sequence, every batch qualifying
    return build(B=4, N=4, D=32, qualifying="all", pages_per_seq=3, block_num=8, num_slots=9, seed=1)


def _set(key, value):
    return lambda c: c.__setitem__(key, value(c) if callable(value) else value)


def _poke(key, index, value):
    def f(c):
        c[key] = c[key].clone()
        c[key][index] = value
    return f


def _window_col(c, b=2):
    return (int(c["lengths"][b]) - 1) // c["P"]  # a page column inside batch b's window


def _dup(c):
    c["slots"] = c["slots"].clone()
    c["slots"][3] = c["slots"][0]  # duplicate slot


def _bad_page(value):
    def f(c):
        c["block_table"] = c["block_table"].clone()
        c["block_table"][2, _window_col(c)] = value
    return f


BAD = [
    # (argument named in the message, exception, mutation)
    ("input", ValueError, _set("input", lambda c: c["input"][0])),  # rank 3
    ("input", ValueError, _set("input", lambda c: c["input"][None])),  # rank 5
    ("input", TypeError, _set("input", lambda c: c["input"].to(torch.float64))),
    ("weight", ValueError, _set("weight", lambda c: c["weight"][None])),  # rank 3
    ("weight", ValueError, _set("weight", lambda c: c["weight"][:16])),  # [16, N] != [l, N]
    ("weight", ValueError, _set("weight", lambda c: c["weight"][:, :3])),  # [l, 3] != [l, N]
    ("weight", ValueError, _set("weight", lambda c: c["weight"].t().contiguous())),  # [N, l]
    ("weight", TypeError, _set("weight", lambda c: c["weight"].to(BF16))),
    ("cache", TypeError, _set("cache", lambda c: c["cache"].to(F32))),
    ("cache", ValueError, _set("cache", lambda c: c["cache"][0])),  # rank 2
    ("cache", ValueError, _set("cache", lambda c: c["cache"][..., :16])),  # D mismatch
    ("cache", ValueError, _set("cache", lambda c: c["cache"][:, :3])),  # N mismatch
    ("slot_mapping", TypeError, _set("slots", lambda c: c["slots"].float())),
    ("slot_mapping", ValueError, _set("slots", lambda c: c["slots"][:, None])),  # rank 2
    ("slot_mapping", TypeError, _set("slots", lambda c: c["slots"].tolist())),  # not a tensor
    ("block_table", ValueError, _set("block_table", None)),
    ("block_table", ValueError, _set("block_table", lambda c: c["block_table"][0])),  # rank 1
    ("block_table", ValueError, _set("block_table", lambda c: c["block_table"][:3])),  # wrong B
    ("block_table", TypeError, _set("block_table", lambda c: c["block_table"].float())),
    ("compress_block_size", ValueError, _set("l", 8)),  # l < d
    ("compress_block_size", ValueError, _set("l", 0)),
    ("compress_block_size", ValueError, _set("l", -32)),
    ("compress_block_size", TypeError, _set("l", 32.0)),
    ("compress_stride", ValueError, _set("d", 0)),
    ("compress_stride", ValueError, _set("d", -16)),
    ("page_block_size", ValueError, _set("P", 0)),
    ("page_block_size", ValueError, _set("P", -64)),
    ("page_block_size", ValueError, _set("P", 32)),  # != input.shape[1]
    ("actual_seq_len", ValueError, _set("lengths", None)),
    ("actual_seq_len", ValueError, _set("lengths", lambda c: c["lengths"][:3])),  # tensor, wrong B
    ("actual_seq_len", ValueError, _set("lengths", lambda c: c["lengths"].tolist()[:3])),  # list, wrong B
    ("actual_seq_len", ValueError, _set("lengths", lambda c: c["lengths"][None])),  # rank 2
    ("actual_seq_len", TypeError, _set("lengths", lambda c: c["lengths"].float())),
    ("actual_seq_len", TypeError, _set("lengths", lambda c: [float(s) for s in c["lengths"].tolist()])),
    ("actual_seq_len", ValueError, _poke("lengths", 1, -1)),
    ("actual_seq_len", ValueError, _poke("lengths", 3, 3 * 64 + 16)),  # > capacity (qualifying too)
    ("actual_seq_len", ValueError, _poke("lengths", 0, 10_001)),  # > capacity, non-qualifying
    ("block_table", IndexError, _bad_page(8)),  # == block_num
    ("block_table", IndexError, _bad_page(1_000)),
    ("block_table", IndexError, _bad_page(-1)),
    ("slot_mapping", IndexError, _poke("slots", 1, 9)),  # == num_slots
    ("slot_mapping", IndexError, _poke("slots", 1, -1)),
    ("slot_mapping", ValueError, _dup),
]


@pytest.mark.parametrize("arg,exc,mutate", BAD, ids=[f"{i:02d}-{a}-{e.__name__}" for i, (a, e, _) in enumerate(BAD)])
def test_bad_input_raises_names_argument_and_leaves_cache_unchanged(arg, exc, mutate):
    c = _bad_base()
    mutate(c)
    cache = c["cache"]
    before = cache.clone()
    with pytest.raises(exc) as info:
        call(nsa_fusion.compress_infer, c)
    assert arg in str(info.value), str(info.value)
    assert bit_equal(cache, before)


VALUE_ERRORS = [b for b in BAD if b[1] is not TypeError and b[0] in ("slot_mapping", "block_table", "actual_seq_len")]


@pytest.mark.parametrize("arg,exc,mutate", VALUE_ERRORS, ids=[f"{a}-{e.__name__}-{i}" for i, (a, e, _) in
                                                             enumerate(VALUE_ERRORS)])
def test_bad_values_are_checked_in_python_without_the_native_entry(arg, exc, mutate, monkeypatch):
    """Where the native eager entry is absent (no C++ compiler, or another device's eager path), the Python
    value checks stand in for it: the same errors, the cache untouched."""
    from nsa_fusion import ops

    monkeypatch.setattr(ops, "_eager_cpu", None)
    c = _bad_base()
    mutate(c)
    before = c["cache"].clone()
    with pytest.raises(exc) as info:
        call(nsa_fusion.compress_infer, c)
    assert arg in str(info.value), str(info.value)
    assert bit_equal(c["cache"], before)


@pytest.mark.parametrize("native", [True, False], ids=["native", "pure_torch"])
@pytest.mark.parametrize("corrupt, arg", [(_bad_page(8), "block_table"), (_bad_page(-1), "block_table"),
                                          (_poke("slots", 2, 9), "slot_mapping")],
                         ids=["page_8", "page_-1", "slot_9"])
def test_value_checks_off_kernel_still_bounds_checks(corrupt, arg, native, monkeypatch):
    """Value checks off: the kernel's own bounds check still rejects an out-of-range page id in a
    qualifying window, or an out-of-range slot, before writing anything (batches before the bad
    one included)."""
    previous = nsa_fusion.set_value_checks(False)
    try:
        with contextlib.nullcontext([True]) if native else _pure_torch_kernel(monkeypatch) as calls:
            c = _bad_base()
            corrupt(c)
            before = c["cache"].clone()
            with pytest.raises(IndexError) as info:
                call(nsa_fusion.compress_infer, c)
        assert calls, "the pure-torch CPU kernel did not run"
        assert arg in str(info.value)
        assert bit_equal(c["cache"], before)
    finally:
        nsa_fusion.set_value_checks(previous)


def test_value_checks_off_duplicate_slots_are_not_checked():
    """Documented: uniqueness of slot_mapping is an eager value check only; with value checks off
    (and inside compiled graphs) duplicates are not detected, the op runs and returns the cache."""
    previous = nsa_fusion.set_value_checks(False)
    try:
        c = _bad_base()
        _dup(c)
        assert call(nsa_fusion.compress_infer, c) is c["cache"]
    finally:
        nsa_fusion.set_value_checks(previous)
    with pytest.raises(ValueError, match="slot_mapping"):  # and checks are back on afterwards
        call(nsa_fusion.compress_infer, c)


def test_padding_page_ids_outside_qualifying_windows_are_never_read():
    """Only the pages of qualifying windows are dereferenced (and bounds-checked): padding ids such as
    -1 in unused columns, or in non-qualifying batches, are accepted."""
    c = build(B=4, l=32, d=16, P=64, pages_per_seq=4, lengths=[48, 40, 64, 10], seed=2)
    c["block_table"][0, 1:] = -1  # window 16..47 lies in column 0
    c["block_table"][1, :] = 10_000  # not qualifying
    c["block_table"][2, 1:] = -1  # window 32..63 lies in column 0 (ends exactly at the page end)
    c["block_table"][3, :] = -1  # s < l
    run_fused(c)


def _padded_slots_case():
    """Serving-engine padding: rows whose window does not complete carry slot -1 (vLLM's pad value),
    a shared dummy slot 0, or a slot far out of range.  Qualifying rows use slots 1..3, so the pads
    alias no written row (the plain-torch formulation rewrites a pad row's slot with its own value)."""
    c = build(B=6, l=32, d=16, P=64, pages_per_seq=3, num_slots=8, lengths=[48, 40, 64, 10, 80, 47], seed=5)
    c["slots"] = torch.tensor([1, -1, 2, 0, 3, 0], dtype=torch.int32)  # rows 0, 2, 4 qualify
    return c


def test_padding_slots_of_non_qualifying_rows_are_accepted_eager_reference_and_compiled():
    """The value checks apply range and uniqueness only to the rows that are written: padding slots
    (-1, a shared dummy, an out-of-range id) on other rows pass, in the checked eager op, in the
    plain-torch reference (within one rounding, its sum order differs) and in a compiled graph, with
    the same numbers.  Out-of-range pads (-100, 10000) only for the op: the reference reads
    cache[slots] for every row."""
    c = _padded_slots_case()
    expected = run_fused(c, cache=c["cache"].clone())  # value checks are on by default
    assert_within_one_rounding(call(nsa_fusion.reference.compress_infer, c, cache=c["cache"].clone()), expected, c)
    far = dict(c, slots=torch.tensor([1, -100, 2, 10_000, 3, 0], dtype=torch.int32))
    assert bit_equal(call(nsa_fusion.compress_infer, far, cache=c["cache"].clone()), expected)

    def step(inp, weight, slots, block_table, lengths, cache):
        return nsa_fusion.compress_infer(inp, weight, slots, 32, 16, 64, block_table=block_table,
                                         actual_seq_len=lengths, cache=cache)

    cache = c["cache"].clone()
    torch.compile(step, fullgraph=True)(c["input"], c["weight"], far["slots"], c["block_table"], c["lengths"], cache)
    assert bit_equal(cache, expected)


@pytest.mark.parametrize("pads", [[-1, 0, 0], [2, 10_000, -100], [3, 2, 1]],
                         ids=["minus_one_and_dummy", "alias_and_out_of_range", "every_pad_aliases_a_written_row"])
def test_capture_safe_masked_formulation_with_padding_slots(pads):
    """The fixed-shape formulation (graph capture on Ascend, devices without a kernel, and the GE
    scatter write-back) writes a row for *every* batch.  Pads that alias a written row, placed after
    it (CPU index_put_ applies duplicates in order, so a stale pad value written last would win), or
    that lie outside the cache, must not change the result: bit-exact to the golden."""
    from nsa_fusion.lowering import portable

    c = _padded_slots_case()
    c["slots"] = torch.tensor([1, pads[0], 2, pads[1], 3, pads[2]], dtype=torch.int32)
    expected = golden(dict(c, slots=torch.tensor([1, -1, 2, -1, 3, -1], dtype=torch.int32)))
    cache = c["cache"].clone()
    portable.compress_masked_torch(c["input"], c["weight"], c["slots"], c["block_table"], c["lengths"], cache,
                                   c["l"], c["d"], c["P"])
    assert bit_equal(cache, expected)


def _scatter_writeback(inp, weight, slots, block_table, lengths, cache, l, d, P):
    from nsa_fusion.lowering import scatter_writeback

    cache.copy_(scatter_writeback(inp, weight, slots, block_table, lengths, cache, l, d))


def _masked_torch(*args):
    from nsa_fusion.lowering import portable

    portable.compress_masked_torch(*args)


@pytest.mark.parametrize("formulation", [_masked_torch, _scatter_writeback], ids=["masked_torch", "scatter_writeback"])
def test_fixed_shape_formulations_never_dereference_unread_page_ids(formulation):
    """The fixed-shape formulations (graph capture, devices without a kernel; torchair's GE write-back
    where the vendor kernel cannot take the shapes: fp32, P = 32) gather a window for EVERY row and
    discard the rows that do not qualify.  The contract lets those rows' page ids be anything, so they
    must not be dereferenced: ids far out of range (and -1) on non-qualifying rows, fp32, P = 32, give
    the golden's numbers instead of an out-of-bounds gather."""
    c = build(B=6, l=32, d=16, P=32, dtype=F32, pages_per_seq=4, lengths=[48, 40, 64, 10, 80, 0], seed=7)
    expected = golden(c)
    c["block_table"][1] = 2 ** 30  # rows 1, 3 and 5 do not qualify
    c["block_table"][3] = -(2 ** 30)
    c["block_table"][5] = -1
    cache = c["cache"].clone()
    formulation(c["input"], c["weight"], c["slots"], c["block_table"], c["lengths"], cache, c["l"], c["d"], c["P"])
    assert bit_equal(cache, expected)


@pytest.mark.parametrize("row, slot, exc", [(2, -1, IndexError), (2, 8, IndexError), (2, 1, ValueError)],
                         ids=["qualifying_-1", "qualifying_out_of_range", "qualifying_duplicate"])
def test_qualifying_row_slot_rules_still_hold_with_padding(row, slot, exc):
    """The rule is per written row, not waived by padding elsewhere: a qualifying row's slot must be in
    range and distinct from every other qualifying row's slot; the cache stays unchanged."""
    c = _padded_slots_case()
    c["slots"][row] = slot
    before = c["cache"].clone()
    with pytest.raises(exc, match="slot_mapping"):
        call(nsa_fusion.compress_infer, c)
    assert bit_equal(c["cache"], before)


# --------------------------------------------------------------------------------------------------
# inside torch.compile(fullgraph=True), default Inductor backend, no fusion pass (3 compiles)
# --------------------------------------------------------------------------------------------------
def test_compiled_fused_op_bit_exact_tensor_lengths():
    c = build(B=8, dtype=F16, qualifying="random", seed=21)
    expected = golden(c)

    def step(inp, weight, slots, block_table, lengths, cache):
        return nsa_fusion.compress_infer(inp, weight, slots, 32, 16, 64, block_table=block_table,
                                         actual_seq_len=lengths, cache=cache)

    compiled = torch.compile(step, fullgraph=True)
    cache = c["cache"]
    out = compiled(c["input"], c["weight"], c["slots"], c["block_table"], c["lengths"], cache)
    assert bit_equal(cache, expected)
    assert bit_equal(out, expected)


def test_compiled_fused_op_bit_exact_list_lengths_l_gt_P():
    c = build(B=5, dtype=BF16, l=64, d=16, P=16, qualifying="all", index_dtype=I64, seed=22)
    lens = c["lengths"].tolist()
    expected = golden(c)

    def step(inp, weight, slots, block_table, cache):
        return nsa_fusion.compress_infer(inp, weight, slots, 64, 16, 16, block_table=block_table,
                                         actual_seq_len=lens, cache=cache)

    cache = c["cache"]
    torch.compile(step, fullgraph=True)(c["input"], c["weight"], c["slots"], c["block_table"], cache)
    assert bit_equal(cache, expected)


def test_compiled_reference_matches_eager():
    c = build(B=8, dtype=F16, qualifying="random", seed=23)
    expected = golden(c)
    eager = call(nsa_fusion.reference.compress_infer, c, cache=c["cache"].clone())

    def step(inp, weight, slots, block_table, lengths, cache):
        return nsa_fusion.reference.compress_infer(inp, weight, slots, 32, 16, 64, block_table=block_table,
                                                   actual_seq_len=lengths, cache=cache)

    cache = c["cache"]
    torch.compile(step, fullgraph=True)(c["input"], c["weight"], c["slots"], c["block_table"], c["lengths"], cache)
    assert_within_one_rounding(cache, expected, c)
    assert_within_one_rounding(eager, expected, c)
    # Inductor may reorder the fp32 sum; within one rounding of eager as well
    assert_within_one_rounding(cache, eager, c)


def test_bad_input_under_compile_fails_at_trace_time_naming_the_argument():
    """Shape/dtype validation runs while Dynamo traces (no host sync in the graph).  Without
    fullgraph the original ValueError propagates; with fullgraph=True torch 2.x wraps a user
    exception raised during tracing in ``torch._dynamo.exc.Unsupported`` ("Observed exception"),
    whose message still carries the original text.  Either way nothing runs and the cache is intact."""
    c = _bad_base()
    before = c["cache"].clone()

    def step(inp, weight, slots, block_table, lengths, cache):
        return nsa_fusion.compress_infer(inp, weight, slots, 8, 16, 64, block_table=block_table,
                                         actual_seq_len=lengths, cache=cache)

    args = (c["input"], c["weight"], c["slots"], c["block_table"], c["lengths"], c["cache"])
    with pytest.raises(ValueError, match="compress_block_size"):
        torch.compile(step)(*args)
    with pytest.raises((ValueError, torch._dynamo.exc.Unsupported)) as info:
        torch.compile(step, fullgraph=True)(*args)
    assert "compress_block_size" in str(info.value)
    assert bit_equal(c["cache"], before)


def test_non_finite_tokens_outside_qualifying_windows_do_not_leak():
    """inf/NaN in tokens that no qualifying window reads change nothing; inside a window they
    propagate exactly as the golden says."""
    c = build(B=3, N=2, D=16, l=32, d=16, P=64, pages_per_seq=2, lengths=[48, 40, 64], block_num=6, seed=9)
    c["block_table"] = torch.tensor([[0, 1], [2, 3], [4, 5]], dtype=I32)
    c["input"][0, :16] = float("nan")  # batch 0: window 16..47, positions 0..15 are outside
    c["input"][2] = float("inf")  # batch 1 (s=40) does not qualify
    c["input"][5] = float("-inf")  # batch 2: window 32..63 lies in page 4 only
    c["input"][4, 40, 1, 3] = float("nan")  # ... except this token, inside batch 2's window
    ref = dict(c, cache=c["cache"].clone())
    expected = run_fused(c)
    assert bool(torch.isfinite(expected[int(c["slots"][0])]).all())
    assert bool(expected[int(c["slots"][2]), 1, 3].isnan())
    call(nsa_fusion.reference.compress_infer, ref)
    assert torch.equal(ref["cache"].isnan(), expected.isnan())
    assert torch.equal(ref["cache"].isinf(), expected.isinf())
    finite = torch.isfinite(expected)
    assert_within_one_rounding(torch.where(finite, ref["cache"], 0), torch.where(finite, expected, 0), ref)
