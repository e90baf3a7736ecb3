"""The native CPU kernel (``csrc/nsa_compress.cpp``, ``torch.ops.nsa_fusion_native.compress_``) called directly, bit-exact against the golden.

Skips (with the reason) where the kernel cannot be built, except in CI (``CI=true``), where that fails
(unless ``NSA_FUSION_NO_NATIVE=1`` asks for no native kernel).
"""
from __future__ import annotations

import os

import pytest
import torch

from golden import golden_compress_infer, qualifies  # noqa: E402

DTYPES = [torch.float16, torch.bfloat16, torch.float32]


@pytest.fixture(scope="module")
def kernel():
    from nsa_fusion.lowering import native_kernel as native

    module = native.load_native()
    if module is None:
        _, why = native.available()
        if os.environ.get("CI") == "true" and os.environ.get("NSA_FUSION_NO_NATIVE") != "1":
            pytest.fail(f"native kernel must build in CI: {why}")
        pytest.skip(f"native kernel unavailable: {why}")
    return module


def _lengths(B, l, d, P, max_pages, qualifying, gen):
    """Sequence lengths; 'none' / 'some' / 'all' qualify.  Includes windows that cross a page boundary
    and windows that end exactly at a page end, when in range."""
    cap = max_pages * P
    q_vals = [s for s in range(l, cap + 1, d)]
    nq_vals = [s for s in range(0, cap + 1) if not qualifies(s, l, d)]
    special = [s for s in q_vals if s % P == 0][:1] + [s for s in q_vals if (s - l) // P != (s - 1) // P][:1]
    out = []
    for b in range(B):
        want_q = qualifying == "all" or (qualifying == "some" and b % 3 == 0)
        if want_q:
            if b < 2 * len(special):
                out.append(special[b // 2 % len(special)] if special else q_vals[0])
            else:
                out.append(q_vals[int(torch.randint(len(q_vals), (1,), generator=gen))])
        else:
            out.append(nq_vals[int(torch.randint(len(nq_vals), (1,), generator=gen))])
    return out


def make_case(*, B=4, N=4, D=128, l=32, d=16, P=64, dtype=torch.float16, index_dtype=torch.int32,
              qualifying="some", max_pages=None, num_slots=None, input_layout="contiguous",
              cache_layout="contiguous", seed=0):
    gen = torch.Generator().manual_seed(seed)
    max_pages = max_pages or (l + 2 * P - 1) // P + 1
    block_num = B * max_pages + 3
    shape = (block_num, P, N, D)
    if input_layout == "contiguous":
        inp = torch.randn(shape, generator=gen).to(dtype)
    elif input_layout == "slice_d":  # a slice of a wider tensor along D: inner stride 1, odd outer strides
        inp = torch.randn(block_num, P, N, D + 24, generator=gen).to(dtype)[..., 8:8 + D]
    elif input_layout == "permuted":  # [block_num, N, P, D] storage viewed as [block_num, P, N, D]
        inp = torch.randn(block_num, N, P, D, generator=gen).to(dtype).permute(0, 2, 1, 3)
    elif input_layout == "strided_d":  # inner stride 2: the scalar path
        inp = torch.randn(block_num, P, N, 2 * D, generator=gen).to(dtype)[..., ::2]
    else:
        raise AssertionError(input_layout)
    assert inp.shape == shape
    weight = torch.randn(N, l, generator=gen).to(dtype).t()  # non-contiguous [l, N]
    pages = torch.randperm(block_num, generator=gen)[:B * max_pages].reshape(B, max_pages)
    block_table = pages.to(index_dtype)
    lens = torch.tensor(_lengths(B, l, d, P, max_pages, qualifying, gen), dtype=index_dtype)
    num_slots = num_slots or 2 * B + 5
    slots = torch.randperm(num_slots, generator=gen)[:B].to(index_dtype)
    if cache_layout == "contiguous":
        cache = torch.randn(num_slots, N, D, generator=gen).to(dtype)
    elif cache_layout == "permuted":  # [N, slots, D] storage
        cache = torch.randn(N, num_slots, D, generator=gen).to(dtype).permute(1, 0, 2)
    elif cache_layout == "strided_d":
        cache = torch.randn(num_slots, N, 3 * D, generator=gen).to(dtype)[..., 1::3]
    else:
        raise AssertionError(cache_layout)
    return dict(input=inp, weight=weight, slots=slots, block_table=block_table, lens=lens, cache=cache,
                l=l, d=d, P=P)


def check(kernel, case):
    expected = golden_compress_infer(case["input"], case["weight"], case["slots"], case["l"], case["d"], case["P"],
                                     block_table=case["block_table"], actual_seq_len=case["lens"],
                                     cache=case["cache"])
    cache = case["cache"]
    before = cache.clone()
    storage_before = _storage_copy(cache)
    result = kernel.compress_(case["input"], case["weight"], case["slots"], case["block_table"], case["lens"],
                                    cache, case["l"], case["d"], case["P"])
    assert result is None
    if expected.isnan().any():  # NaN != NaN: same NaN positions, every other element bit-equal
        torch.testing.assert_close(cache, expected, rtol=0, atol=0, equal_nan=True)
    else:
        assert torch.equal(cache, expected)  # bit-exact, including rows that must not change
    # rows not written are bit-identical (also NaN-safe: compare the raw bits of the whole storage)
    written = {int(s) for s, n in zip(case["slots"].tolist(), case["lens"].tolist())
               if qualifies(n, case["l"], case["d"])}
    for r in range(cache.shape[0]):
        if r not in written:
            assert torch.equal(cache[r].view(_int_dtype(cache)), before[r].view(_int_dtype(cache)))
    _assert_storage_outside_view_untouched(cache, storage_before)
    return len(written)


def _int_dtype(t):
    return {2: torch.int16, 4: torch.int32}[t.element_size()]


def _storage_copy(t):
    return torch.empty(0, dtype=t.dtype).set_(t.untyped_storage()).clone()


def _assert_storage_outside_view_untouched(view, storage_before):
    """Elements of the underlying storage not covered by the view were not written."""
    now = torch.empty(0, dtype=view.dtype).set_(view.untyped_storage())
    mask = torch.ones(now.numel(), dtype=torch.bool)
    idx = torch.as_strided(torch.arange(now.numel()), view.shape, view.stride(), view.storage_offset())
    mask[idx.flatten()] = False
    assert torch.equal(now[mask].view(_int_dtype(view)), storage_before[mask].view(_int_dtype(view)))


# ---------------------------------------------------------------------------------------------------------
# shapes: N x D x (l, d) x P, covered pairwise rather than as a full product

SHAPES = [
    # N, D, l, d, P
    (1, 16, 16, 16, 64),
    (2, 128, 32, 16, 128),
    (16, 192, 64, 32, 64),
    (52, 256, 48, 48, 128),
    (2, 256, 16, 16, 128),
    (16, 16, 48, 48, 64),
    (52, 128, 64, 32, 128),
    (1, 192, 32, 16, 64),
    (3, 40, 17, 5, 16),  # odd window length (the kernel adds tokens in pairs: the last one alone)
    (20, 256, 8, 8, 16),  # N * D above one work item's accumulators: several head groups per row
]


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda t: str(t).split(".")[1])
@pytest.mark.parametrize("N,D,l,d,P", SHAPES, ids=[f"N{n}-D{D}-l{l}-d{d}-P{P}" for n, D, l, d, P in SHAPES])
def test_shapes_bit_exact(kernel, N, D, l, d, P, dtype):
    index_dtype = torch.int32 if (N + D) % 2 else torch.int64
    assert check(kernel, make_case(B=6, N=N, D=D, l=l, d=d, P=P, dtype=dtype, index_dtype=index_dtype)) > 0


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda t: str(t).split(".")[1])
@pytest.mark.parametrize("l,d,P", [(64, 16, 16), (48, 16, 16), (64, 32, 16), (32, 16, 32)],
                         ids=["l64-P16", "l48-P16", "l64-d32-P16", "l32-P32"])
def test_window_spans_many_pages(kernel, l, d, P, dtype):
    assert check(kernel, make_case(B=8, N=2, D=32, l=l, d=d, P=P, dtype=dtype, qualifying="all")) == 8


@pytest.mark.parametrize("index_dtype", [torch.int32, torch.int64], ids=["int32", "int64"])
@pytest.mark.parametrize("qualifying", ["none", "some", "all"])
@pytest.mark.parametrize("B", [1, 200])
def test_batch_sizes_and_qualifying_fraction(kernel, B, qualifying, index_dtype):
    case = make_case(B=B, N=2, D=16, l=32, d=16, P=64, index_dtype=index_dtype, qualifying=qualifying,
                     dtype=torch.bfloat16, seed=B)
    n = check(kernel, case)
    assert n == {"none": 0, "all": B, "some": (B + 2) // 3}[qualifying]


def test_window_crossing_page_and_ending_at_page_end(kernel):
    # P = 64, l = 32, d = 16: s = 80 spans pages 0-1 (48..79); s = 64 ends exactly at the end of page 0;
    # s = 128 ends at the end of page 1; s = 96 spans 64..95 in page 1 only
    case = make_case(B=4, N=4, D=128, l=32, d=16, P=64, qualifying="all")
    case["lens"] = torch.tensor([80, 64, 128, 96], dtype=torch.int32)
    assert check(kernel, case) == 4


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda t: str(t).split(".")[1])
@pytest.mark.parametrize("input_layout,cache_layout", [("slice_d", "contiguous"), ("permuted", "permuted"),
                                                       ("strided_d", "contiguous"), ("contiguous", "strided_d"),
                                                       ("strided_d", "strided_d")])
def test_non_contiguous_input_and_cache(kernel, input_layout, cache_layout, dtype):
    case = make_case(B=10, N=4, D=192, l=32, d=16, P=64, dtype=dtype, input_layout=input_layout,
                     cache_layout=cache_layout)
    assert not case["input"].is_contiguous() or input_layout == "contiguous"
    assert check(kernel, case) > 0


def test_non_contiguous_index_tensors(kernel):
    case = make_case(B=6, N=2, D=64, l=32, d=16, P=64, index_dtype=torch.int64, qualifying="all")
    wide = torch.zeros(case["block_table"].shape[0], 2 * case["block_table"].shape[1], dtype=torch.int64)
    wide[:, ::2] = case["block_table"]
    case["block_table"] = wide[:, ::2]
    case["slots"] = torch.stack([case["slots"], case["slots"]], 1)[:, 0]
    case["lens"] = torch.stack([case["lens"], case["lens"]], 1)[:, 1].to(torch.int32)
    assert not case["block_table"].is_contiguous() and not case["slots"].is_contiguous()
    assert check(kernel, case) == 6


def test_odd_head_dim_uses_vector_and_scalar_tail(kernel):
    for D in (1, 7, 40, 72, 200):
        assert check(kernel, make_case(B=5, N=3, D=D, l=16, d=16, P=64, dtype=torch.float16)) > 0


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # numpy overflow / invalid in the golden
def test_special_values_round_like_the_golden(kernel):
    case = make_case(B=4, N=2, D=32, l=16, d=16, P=64, dtype=torch.float16, qualifying="all")
    x = case["input"]
    x[..., 0] = 60000.0  # fp32 sum overflows fp16 -> inf after RNE
    x[..., 1] = 1e-7  # subnormals
    x[..., 2] = float("inf")
    case["weight"][0, 0] = 0.0  # 0 * inf = nan in head 0
    check(kernel, case)


def test_bad_page_id_raises_and_writes_nothing(kernel):
    case = make_case(B=4, N=2, D=16, l=32, d=16, P=64, qualifying="all")
    case["block_table"][3, :] = 10_000
    before = case["cache"].clone()
    with pytest.raises(IndexError, match="block_table"):
        kernel.compress_(case["input"], case["weight"], case["slots"], case["block_table"], case["lens"],
                               case["cache"], 32, 16, 64)
    assert torch.equal(case["cache"], before)


def test_bad_slot_raises_and_writes_nothing(kernel):
    case = make_case(B=4, N=2, D=16, l=32, d=16, P=64, qualifying="all")
    case["slots"][2] = case["cache"].shape[0]
    before = case["cache"].clone()
    with pytest.raises(IndexError, match="slot_mapping"):
        kernel.compress_(case["input"], case["weight"], case["slots"], case["block_table"], case["lens"],
                               case["cache"], 32, 16, 64)
    assert torch.equal(case["cache"], before)


def test_dtype_mismatch_raises(kernel):
    case = make_case(B=2, N=2, D=16, l=16, d=16, P=64)
    with pytest.raises(TypeError, match="weight must have the dtype of input"):
        kernel.compress_(case["input"], case["weight"].float(), case["slots"], case["block_table"],
                               case["lens"], case["cache"], 16, 16, 64)


def test_thread_count_does_not_change_bits(kernel):
    case = make_case(B=40, N=4, D=128, l=32, d=16, P=64, qualifying="all")
    expected = golden_compress_infer(case["input"], case["weight"], case["slots"], 32, 16, 64,
                                     block_table=case["block_table"], actual_seq_len=case["lens"],
                                     cache=case["cache"])
    threads = torch.get_num_threads()
    try:
        for n in (1, threads):
            torch.set_num_threads(n)
            for fn in (kernel.compress_,):
                c = case["cache"].clone()
                fn(case["input"], case["weight"], case["slots"], case["block_table"], case["lens"], c, 32, 16, 64)
                assert torch.equal(c, expected)
    finally:
        torch.set_num_threads(threads)


def test_no_native_env_and_available(monkeypatch):
    from nsa_fusion.lowering import native_kernel as native

    ok, why = native.available()
    assert isinstance(ok, bool) and isinstance(why, str) and why
    if ok:
        assert "nsa_compress" in why
    # NSA_FUSION_NO_NATIVE=1: None, no warning (fresh memo)
    monkeypatch.setenv("NSA_FUSION_NO_NATIVE", "1")
    native.load_native.cache_clear()
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert native.load_native() is None
        assert native.available() == (False, "disabled by NSA_FUSION_NO_NATIVE=1")
    finally:
        monkeypatch.delenv("NSA_FUSION_NO_NATIVE")
        native.load_native.cache_clear()
        native.load_native()


def test_missing_compiler_warns_once_and_returns_none(monkeypatch, tmp_path):
    from nsa_fusion.lowering import native_kernel as native

    monkeypatch.delenv("NSA_FUSION_NO_NATIVE", raising=False)
    monkeypatch.setenv("CXX", "")
    monkeypatch.setenv("NSA_FUSION_CACHE_DIR", str(tmp_path))  # no cached build to fall back on
    monkeypatch.setattr(native.shutil, "which", lambda name: None)
    native.load_native.cache_clear()
    try:
        with pytest.warns(RuntimeWarning, match="native CPU kernel unavailable .*pure-torch fallback") as rec:
            assert native.load_native() is None
            assert native.load_native() is None  # memoized: no second warning
        assert len([w for w in rec if issubclass(w.category, RuntimeWarning)]) == 1
        assert native.available()[0] is False
    finally:
        native.load_native.cache_clear()
        monkeypatch.undo()
        native.load_native()
