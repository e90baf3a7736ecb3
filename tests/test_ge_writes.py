"""``lowering/ge_writes.py``: the writes GE cannot convert, as ``npu_scatter_nd_update``, with eager's
numbers (the op is torch_npu's; here the CPU stand-in of ``nsa_fusion.testing.torchair_cpu`` runs it).
Through real torchair and its GE graph: ``tests/test_torchair.py``."""
from __future__ import annotations

import pytest
import torch
from torch.fx.experimental.proxy_tensor import make_fx

from nsa_fusion.lowering import ge_writes
from nsa_fusion.testing.torchair_cpu import define_npu_write_stand_ins

define_npu_write_stand_ins()


def _rewritten(fn, *args):
    """``fn`` traced to aten (functional), its writes rewritten; (graph module, names rewritten)."""
    gm = make_fx(fn, tracing_mode="fake", pre_dispatch=False)(*args)
    done = ge_writes.rewrite_writes_for_ge(gm.graph)
    gm.recompile()
    return gm, done


def _kv(blocks=5, P=4, N=2, D=3, seed=0):
    return torch.randn(blocks, P, N, D, generator=torch.Generator().manual_seed(seed))


def _append(kv, page, off, token):
    return torch.ops.aten.index_put(kv, [page, off], token)


@pytest.mark.parametrize("index_dtype", [torch.int64, torch.int32])
def test_index_put_on_leading_dims_is_the_same_write(index_dtype):
    kv, token = _kv(), torch.randn(3, 2, 3)
    page = torch.tensor([0, -1, 3], dtype=index_dtype)  # -1: the last block, counted from the end as index_put
    off = torch.tensor([2, 0, -4], dtype=index_dtype)
    gm, done = _rewritten(_append, kv, page, off, token)
    assert done and "npu_scatter_nd_update" in gm.code and "index_put" not in gm.code, gm.code
    assert torch.equal(gm(kv, page, off, token), _append(kv, page, off, token))


def test_values_broadcast_as_index_put_broadcasts_them():
    kv, page, off = _kv(), torch.tensor([1, 4]), torch.tensor([3, 1])
    for value in (torch.randn(2, 3), torch.randn(1, 2, 1), torch.randn(3)):
        gm, done = _rewritten(_append, kv, page, off, value)
        assert done
        assert torch.equal(gm(kv, page, off, value), _append(kv, page, off, value))


def test_broadcast_indices_and_one_index_on_a_cache():
    cache = torch.randn(6, 2, 3)
    rows = torch.tensor([[5], [0]])  # [2, 1] broadcast against nothing: two coordinates of one dim
    new = torch.randn(2, 1, 2, 3)
    gm, done = _rewritten(lambda c, r, v: torch.ops.aten.index_put(c, [r], v), cache, rows, new)
    assert done and torch.equal(gm(cache, rows, new), torch.ops.aten.index_put(cache, [rows], new))


@pytest.mark.parametrize("value_shape", [(2, 3, 2, 3), (3, 2, 3), (1, 3, 1, 3)])
def test_full_slices_in_front_of_the_indices_are_written_whole(value_shape):
    """``stacked[:, slots] = stack((k, v))`` (vLLM's K/V stacked cache): every coordinate of the sliced dim."""
    stacked = torch.randn(2, 6, 2, 3)
    slots = torch.tensor([5, -2, 0])
    value = torch.randn(value_shape)
    fn = lambda c, s, v: torch.ops.aten.index_put(c, [None, s], v)  # noqa: E731
    gm, done = _rewritten(fn, stacked, slots, value)
    assert done and "index_put" not in gm.code, gm.code
    assert torch.equal(gm(stacked, slots, value), fn(stacked, slots, value))


def test_two_full_slices_then_two_indices():
    kv = torch.randn(2, 3, 5, 4, 2)
    blk, off = torch.tensor([4, 0]), torch.tensor([[3], [1]])  # broadcast [2, 2]
    value = torch.randn(2, 3, 2, 2, 2)
    fn = lambda c, b, o, v: torch.ops.aten.index_put(c, [None, None, b, o], v)  # noqa: E731
    gm, done = _rewritten(fn, kv, blk, off, value)
    assert done and torch.equal(gm(kv, blk, off, value), fn(kv, blk, off, value))


@pytest.mark.parametrize("indices, value_shape", [
    ("i_j", (2, 3)),  # c[i, :, j] = v: index_put puts the indices' dim first, then the sliced one
    ("i_j", (2, 1)),  # broadcast along the sliced dim
    ("_i_j", (2, 4, 3)),  # c[:, i, :, j]: both sliced dims after the indices' dim, in order
], ids=["hnd_append", "broadcast", "two_slices"])
def test_indices_apart_are_the_write_on_a_permutation(indices, value_shape):
    """FlashInfer's HND append ``kv[page, :, offset] = token``: the leading-index write into ``kv`` permuted to put
    the indexed dims first, permuted back."""
    g = torch.Generator().manual_seed(3)
    i, j = torch.tensor([2, -1]), torch.tensor([1, 4])
    cache = torch.randn(4, 3, 5, generator=g) if indices == "i_j" else torch.randn(4, 4, 3, 5, generator=g)

    def fn(c, i, j, v):
        return torch.ops.aten.index_put(c, [i, None, j] if indices == "i_j" else [None, i, None, j], v)

    value = torch.randn(value_shape, generator=g)
    gm, done = _rewritten(fn, cache, i, j, value)
    assert done and "npu_scatter_nd_update" in gm.code and "index_put" not in gm.code, gm.code
    assert torch.equal(gm(cache, i, j, value), fn(cache, i, j, value))


def test_index_copy_along_dim_0_is_the_same_write():
    cache, slots, rows = torch.randn(6, 2, 3), torch.tensor([4, 0, 2]), torch.randn(3, 2, 3)
    gm, done = _rewritten(lambda c, s, r: torch.index_copy(c, 0, s, r), cache, slots, rows)
    assert done and "index_copy" not in gm.code
    assert torch.equal(gm(cache, slots, rows), torch.index_copy(cache, 0, slots, rows))


@pytest.mark.parametrize("fn, args", [
    # a boolean mask selects by value, not by coordinate
    (lambda c, m, v: torch.ops.aten.index_put(c, [m], v), (torch.randn(4, 3), torch.tensor([False, False, True, True]),
                                                           torch.randn(3))),
    # accumulate=True adds (index_put with accumulate is another op in GE)
    (lambda c, i, v: torch.ops.aten.index_put(c, [i], v, True), (torch.randn(4, 3), torch.tensor([1, 1]),
                                                                 torch.randn(2, 3))),
    # index_copy along another dimension
    (lambda c, i, v: torch.index_copy(c, 1, i, v), (torch.randn(4, 3), torch.tensor([2, 0]), torch.randn(4, 2))),
], ids=["bool_mask", "accumulate", "index_copy_dim1"])
def test_writes_it_cannot_express_are_left_as_written(fn, args):
    gm, done = _rewritten(fn, *args)
    assert not done and "npu_scatter_nd_update" not in gm.code, gm.code
    assert torch.equal(gm(*args), fn(*args))


def test_the_cpu_stand_in_writes_rows_of_zero_width():
    """Red-team 16 C1: rows of zero width (D = 0) in torchair's graphs: the CPU stand-in of
    ``npu_scatter_nd_update`` reshaped its updates with -1 beside a zero-size dim, which torch cannot infer."""
    cache = torch.zeros(4, 2, 0)
    out = torch.ops.npu.npu_scatter_nd_update(cache, torch.tensor([[1], [3]]), torch.zeros(2, 2, 0))
    assert out.shape == cache.shape
