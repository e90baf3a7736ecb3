"""The op contract (docs/contract.md): fused op bit-exact vs the golden, reference within one rounding, bad
input rejected with the cache untouched, opcheck, and both inside torch.compile."""
from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import nsa_fusion
from golden import golden_compress_infer
from nsa_fusion.testing.formulations import make_inputs

RTOL = {torch.float16: 2e-3, torch.bfloat16: 1.6e-2, torch.float32: 1e-5}


def _call(fn, inp, **over):
    kw = dict(inp)
    kw.update(over)
    cache = kw["cache"]
    out = fn(kw["input"], kw["op_weight"], kw["slots"], kw["l"], kw["d"], kw["P"], block_table=kw["block_table"],
             actual_seq_len=kw["lengths"], cache=cache)
    return out, cache


def _expected(inp):
    return golden_compress_infer(inp["input"], inp["op_weight"], inp["slots"], inp["l"], inp["d"], inp["P"],
                                 block_table=inp["block_table"], actual_seq_len=inp["lengths"], cache=inp["cache"])


CASES = [dict(dtype=dt) for dt in (torch.float16, torch.bfloat16, torch.float32)] + \
        [dict(N=n) for n in (1, 2, 16, 52)] + [dict(D=dd) for dd in (16, 80, 128, 192, 200, 256)] + \
        [dict(l=l, d=d) for l, d in ((16, 16), (32, 16), (48, 16), (64, 32), (64, 64), (48, 48))] + \
        [dict(P=64), dict(P=128), dict(P=16, l=64, d=16), dict(B=1), dict(B=200, N=2, D=16)] + \
        [dict(qualifying=q) for q in ("none", "some", "all")] + [dict(index_dtype=torch.int64)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(f"{k}={v}" for k, v in c.items()))
def test_fused_op_bit_exact_and_reference_within_one_rounding(case):
    inp = make_inputs(**case)
    expected = _expected(inp)
    original = inp["cache"].clone()
    out, cache = _call(nsa_fusion.compress_infer, dict(inp, cache=inp["cache"].clone()))
    assert out is cache
    assert torch.equal(cache, expected)
    ref_out, ref_cache = _call(nsa_fusion.reference.compress_infer, dict(inp, cache=original.clone(),
                                                                        lengths=inp["lengths"].tolist()))
    assert ref_out is ref_cache
    torch.testing.assert_close(ref_cache, expected, rtol=RTOL[cache.dtype], atol=RTOL[cache.dtype])
    untouched = ~torch.isin(torch.arange(cache.shape[0]), inp["slots"].long())
    assert torch.equal(cache[untouched], original[untouched])


def test_windows_crossing_and_ending_at_page_boundaries():
    inp = make_inputs(B=4, l=32, d=16, P=64, qualifying="all")
    inp["lengths"] = torch.tensor([64, 80, 128, 96])  # ends at a page end; crosses; ends at the 2nd page end
    expected = _expected(inp)
    assert torch.equal(_call(nsa_fusion.compress_infer, inp)[1], expected)


def test_non_contiguous_input_and_cache():
    inp = make_inputs(B=8, N=4, D=32, qualifying="all")
    big = torch.randn(*inp["input"].shape[:3], 64).to(inp["input"].dtype)
    big[..., :32] = inp["input"]
    cache_big = torch.zeros(inp["cache"].shape[0], 4, 64, dtype=inp["cache"].dtype)
    cache_big[..., 16:48] = inp["cache"]
    expected = _expected(inp)
    _call(nsa_fusion.compress_infer, dict(inp, input=big[..., :32], cache=cache_big[..., 16:48]))
    assert torch.equal(cache_big[..., 16:48], expected)


def test_seed_example_writes_nothing():
    inp = torch.randn(1, 128, 1, 192, dtype=torch.float16)
    cache = torch.zeros(1, 1, 192, dtype=torch.float16)
    nsa_fusion.compress_infer(inp, torch.randn(32, 1, dtype=torch.float16), torch.tensor([0], dtype=torch.int32),
                              32, 16, 128, actual_seq_len=[43], block_table=torch.tensor([[0]], dtype=torch.int32),
                              cache=cache)
    assert torch.equal(cache, torch.zeros_like(cache))


@settings(max_examples=25, deadline=None)
@given(l=st.sampled_from([16, 32, 48, 64]), d=st.sampled_from([16, 32, 48, 64]), P=st.sampled_from([64, 128]),
       D=st.sampled_from([16, 64, 128, 256]), N=st.integers(1, 63), B=st.integers(1, 48),
       dtype=st.sampled_from([torch.float16, torch.bfloat16]), seed=st.integers(0, 2 ** 16))
def test_property_vendor_range(l, d, P, D, N, B, dtype, seed):
    if d > l:
        l, d = d, l
    inp = make_inputs(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype, seed=seed, pages_per_seq=2)
    expected = _expected(inp)
    assert torch.equal(_call(nsa_fusion.compress_infer, inp)[1], expected)


def _bad(**over):
    inp = make_inputs(B=4, qualifying="all")
    inp.update(over)
    return inp


BAD = [
    ("input", ValueError, dict(input=torch.zeros(3, 64, 4, dtype=torch.float16))),
    ("weight", ValueError, dict(op_weight=torch.zeros(16, 4, dtype=torch.float16))),
    ("weight", TypeError, dict(op_weight=torch.zeros(32, 4, dtype=torch.float32))),
    ("cache", TypeError, dict(cache=torch.zeros(13, 4, 32, dtype=torch.float32))),
    ("cache", ValueError, dict(cache=torch.zeros(13, 3, 32, dtype=torch.float16))),
    ("slot_mapping", TypeError, dict(slots=torch.zeros(4))),
    ("slot_mapping", ValueError, dict(slots=torch.zeros(4, 1, dtype=torch.int32))),
    ("block_table", ValueError, dict(block_table=torch.zeros(3, 4, dtype=torch.int32))),
    ("block_table", ValueError, dict(block_table=torch.zeros(4, 0, dtype=torch.int32))),  # no page column
    ("compress_block_size", ValueError, dict(l=8, d=16)),
    ("compress_stride", ValueError, dict(d=0)),
    ("page_block_size", ValueError, dict(P=32)),
    ("actual_seq_len", ValueError, dict(lengths=torch.tensor([1, 2, 3]))),
    ("actual_seq_len", TypeError, dict(lengths=torch.tensor([1.0, 2, 3, 4]))),
    ("actual_seq_len", ValueError, dict(lengths=torch.tensor([-1, 32, 48, 64]))),
    ("actual_seq_len", ValueError, dict(lengths=torch.tensor([32, 48, 64, 10_000]))),
    ("slot_mapping", IndexError, dict(slots=torch.tensor([0, 1, 2, 999], dtype=torch.int32))),
    ("slot_mapping", ValueError, dict(slots=torch.tensor([0, 1, 1, 2], dtype=torch.int32))),
]


@pytest.mark.parametrize("arg,exc,over", BAD, ids=[f"{a}-{e.__name__}-{i}" for i, (a, e, _) in enumerate(BAD)])
def test_bad_input_raises_and_leaves_cache_unchanged(arg, exc, over):
    inp = _bad(**over)
    before = inp["cache"].clone()
    with pytest.raises(exc, match=arg):
        _call(nsa_fusion.compress_infer, inp)
    assert torch.equal(inp["cache"], before)


def test_missing_block_table_and_bad_page_ids():
    inp = _bad()
    with pytest.raises(ValueError, match="block_table"):
        _call(nsa_fusion.compress_infer, inp, block_table=None)
    for bad_page in (10_000, -1):
        inp = _bad(lengths=torch.tensor([32, 32, 32, 32]))
        inp["block_table"][2, 0] = bad_page
        before = inp["cache"].clone()
        with pytest.raises(IndexError, match="block_table"):
            _call(nsa_fusion.compress_infer, inp)
        assert torch.equal(inp["cache"], before)


def test_value_checks_off_still_bounds_checks_kernel_reads():
    previous = nsa_fusion.set_value_checks(False)
    try:
        inp = _bad(lengths=torch.tensor([32, 32, 32, 32]))
        inp["block_table"][3, 0] = 10_000
        before = inp["cache"].clone()
        with pytest.raises(IndexError, match="block_table"):
            _call(nsa_fusion.compress_infer, inp)
        assert torch.equal(inp["cache"], before)
    finally:
        nsa_fusion.set_value_checks(previous)


@pytest.mark.parametrize("dtype,index_dtype", [(torch.float16, torch.int32), (torch.float32, torch.int64)])
def test_opcheck(dtype, index_dtype):
    inp = make_inputs(B=4, dtype=dtype, index_dtype=index_dtype)
    args = (inp["input"], inp["op_weight"], inp["slots"], inp["block_table"], inp["lengths"], inp["cache"],
            inp["l"], inp["d"], inp["P"])
    torch.library.opcheck(torch.ops.nsa_fusion.compress_infer_.default, args)


def test_op_and_reference_inside_plain_inductor_fullgraph():
    inp = make_inputs(qualifying="some")
    expected = _expected(inp)

    def fused(cache):
        return nsa_fusion.compress_infer(inp["input"], inp["op_weight"], inp["slots"], 32, 16, inp["P"],
                                         block_table=inp["block_table"], actual_seq_len=inp["lengths"], cache=cache)

    def ref(cache):
        return nsa_fusion.reference.compress_infer(inp["input"], inp["op_weight"], inp["slots"], 32, 16, inp["P"],
                                                   block_table=inp["block_table"], actual_seq_len=inp["lengths"],
                                                   cache=cache)

    torch._dynamo.reset()
    c = inp["cache"].clone()
    torch.compile(fused, fullgraph=True)(c)
    assert torch.equal(c, expected)
    c = inp["cache"].clone()
    torch.compile(ref, fullgraph=True)(c)
    torch.testing.assert_close(c, expected, rtol=RTOL[c.dtype], atol=RTOL[c.dtype])


@pytest.mark.parametrize("case", [dict(), dict(dtype=torch.bfloat16, N=2, D=16), dict(P=16, l=64, d=16),
                                  dict(dtype=torch.float32, index_dtype=torch.int64)],
                         ids=["fp16", "bf16", "l>P", "fp32-int64"])
def test_pure_torch_fallback_kernel_is_bit_exact_too(case):
    from nsa_fusion.lowering import portable

    inp = make_inputs(qualifying="some", **case)
    expected = _expected(inp)
    with portable.pure_torch_cpu():
        assert torch.equal(_call(nsa_fusion.compress_infer, inp)[1], expected)


def test_native_kernel_builds_in_ci():
    import os

    from nsa_fusion.lowering import native_kernel

    loaded, why = native_kernel.available()
    if os.environ.get("CI") == "true":
        assert loaded, why
    elif not loaded:
        pytest.skip(f"native kernel unavailable here: {why}")
