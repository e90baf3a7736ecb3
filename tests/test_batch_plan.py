"""The batch plan (``nsa_fusion.patterns.evaluate.BatchPlan``): gather + pooling of a static graph are
probed at a few batch rows only where every output row is provably the same function of its own
block-table row and length; a symbolic batch (mark_dynamic, dynamic=True) is probed with its symbol at a
few rows, where the graph's guards admit them.

Unit level: small graphs traced with ``make_fx`` (the dialect the pass sees), each either accepted,
and then the cut evaluation equals the first rows of the full one, or refused, because it mixes rows,
makes rows differ, or reshapes the batch in a way a cut would change.  Recognition level: with the
cut forced small, every formulation still fuses with the cut in use, every near miss stays unfused,
and steps that are right on the first rows only are refused.
"""
from __future__ import annotations

import pytest
import torch
from torch.fx.experimental.proxy_tensor import make_fx

from fusion_harness import compile_and_run, count_fused_calls
from nsa_fusion.patterns import pooling, proof
from nsa_fusion.patterns.evaluate import EvaluationError, Sizes, Subgraph
from nsa_fusion.testing.formulations import FORMULATIONS, NEAR_MISSES, CompressStep, make_inputs

B, ROWS, L, P, PAGES = 8, 3, 4, 4, 3


def _window(table, lens):
    pos = (lens[:, None] - L + torch.arange(L)).clamp(min=0)
    return table.gather(1, pos // P), pos % P


def _gather(kv, table, lens):
    page, off = _window(table, lens)
    return kv[page, off]  # [B, L, N, D]


def _advindex(kv, table, lens):
    pos = (lens[:, None] - L + torch.arange(L)).clamp(min=0)
    page = table[torch.arange(table.shape[0])[:, None], pos // P]
    return kv[page, pos % P].float().sum(1)


def _flat(kv, table, lens):
    page, off = _window(table, lens)
    rows = (page * P + off).reshape(-1)
    return kv.reshape(-1, kv.shape[2], kv.shape[3])[rows].reshape(table.shape[0], L, kv.shape[2], -1).mean(1)


def _einsum_headmajor(kv, table, lens):
    w = torch.arange(L * kv.shape[2], dtype=torch.float32).reshape(L, -1)
    return torch.einsum("bjhd,jh->hbd", _gather(kv, table, lens).float(), w).permute(1, 0, 2)


def _bmm_flat_batch(kv, table, lens):
    tok = _gather(kv, table, lens).float().permute(2, 0, 3, 1).reshape(kv.shape[2], -1, L)  # [N, B*D, L]
    w = torch.ones(kv.shape[2], L, 1)
    return torch.bmm(tok, w).reshape(kv.shape[2], table.shape[0], -1).transpose(0, 1)


def _constant_rows(kv, table, lens):
    shift = torch.zeros(table.shape[0], 1, dtype=lens.dtype)  # varies along the batch in size, not value
    page, off = _window(table, lens + shift[:, 0])
    return kv[page, off].float().amax(1)


def _embedding_rows(kv, table, lens):
    """DeepSeek-style: the paged KV as an embedding table of token rows, read at page * P + offset."""
    page, off = _window(table, lens)
    rows = torch.nn.functional.embedding(page * P + off, kv.reshape(-1, kv.shape[2] * kv.shape[3]))
    return rows.reshape(table.shape[0], L, kv.shape[2], -1).float().sum(1)


ACCEPTED = {
    "gather": lambda kv, t, s: _gather(kv, t, s).float().sum(1),
    "embedding_rows": _embedding_rows,
    "advanced_index_identity": _advindex,
    "flat_view": _flat,
    "einsum_head_major": _einsum_headmajor,
    "bmm_batch_in_rows": _bmm_flat_batch,
    "constant_along_batch": _constant_rows,
    "select_first_page": lambda kv, t, s: kv[t[:, 0]].float().sum(1) + s[:, None, None],
    "identity_with_constant_columns": lambda kv, t, s: kv[t[torch.arange(t.shape[0])[:, None],
                                                             torch.arange(t.shape[1])[None, :]], s[:, None] % P]
    .float().sum(1),
    "einsum_batch_times_heads": lambda kv, t, s: torch.einsum(
        "bjhd,hj->bhd", _gather(kv, t, s).float(), torch.arange(kv.shape[2] * L, dtype=torch.float32).reshape(-1, L)),
    "matmul_broadcast_weight": lambda kv, t, s: torch.matmul(
        torch.arange(kv.shape[2] * L, dtype=torch.float32).reshape(kv.shape[2], 1, L),
        _gather(kv, t, s).float().permute(0, 2, 1, 3)).squeeze(2),
    "cat_of_heads": lambda kv, t, s: torch.cat([_gather(kv, t, s)[:, :, h].float().sum(1) for h in range(kv.shape[2])], 1),
    "index_select_rows": lambda kv, t, s: kv.index_select(0, t.reshape(-1)).reshape(t.shape[0], -1).float().sum(1),
    # rules added for the blind corpora's spellings (issue 18's conservative refusals)
    "depthwise_conv1d": lambda kv, t, s: torch.nn.functional.conv1d(
        _gather(kv, t, s).float().permute(0, 2, 3, 1).flatten(1, 2), torch.ones(kv.shape[2] * kv.shape[3], 1, L),
        groups=kv.shape[2] * kv.shape[3]),
    "avg_pool1d_over_window": lambda kv, t, s: torch.nn.functional.avg_pool1d(
        _gather(kv, t, s).float().permute(0, 2, 3, 1).flatten(1, 2), L),
    "as_strided_windows_per_row": lambda kv, t, s: _gather(kv, t, s).float().contiguous().as_strided(
        (t.shape[0], 2, L // 2, kv.shape[2], kv.shape[3]),
        (L * kv.shape[2] * kv.shape[3], L // 2 * kv.shape[2] * kv.shape[3], kv.shape[2] * kv.shape[3], kv.shape[3], 1))
    .sum((1, 2)),
    "take_flat_pages": lambda kv, t, s: kv.take(_window(t, s)[0][:, :, None] * kv[0].numel() +
                                                (_window(t, s)[1] * kv.shape[2] * kv.shape[3])[:, :, None] +
                                                torch.arange(kv.shape[2] * kv.shape[3])).float().sum(1),
    "diagonal_over_heads": lambda kv, t, s: torch.einsum(
        "bjhd,jg->bhdg", _gather(kv, t, s).float(), torch.ones(L, kv.shape[2])).diagonal(0, 1, 3),
    "weight_repeated_over_batch": lambda kv, t, s: torch.bmm(
        _gather(kv, t, s).float().permute(0, 2, 3, 1).reshape(-1, 1, L),
        torch.arange(L, dtype=torch.float32).repeat(t.shape[0] * kv.shape[2] * kv.shape[3], 1)[:, :, None]),
    # a weight that is no constant (read from a frontier input), expanded to the batch for einsum's bmm, whose
    # operand layouts permute it: the broadcast is found through the permutes (blind7 EinsumBatchedWeightOperand)
    "weight_expanded_to_the_batch_then_permuted": lambda kv, t, s: torch.einsum(
        "bjh,bjhd->bhd", kv[0, :L, :, 0][None].expand(t.shape[0], -1, -1), _gather(kv, t, s).float()),
    "split_heads": lambda kv, t, s: torch.cat([p.float().sum(1) for p in _gather(kv, t, s).split(1, dim=2)], 1),
    "unbind_heads": lambda kv, t, s: torch.stack([p.float().sum(1) for p in _gather(kv, t, s).unbind(2)], 1),
    "any_over_window": lambda kv, t, s: (_gather(kv, t, s).float().sum(3) > 0).any(1),
    "cumsum_over_window": lambda kv, t, s: _gather(kv, t, s).float().cumsum(1)[:, -1],
    # torchair's decomposition of matmul([l], [B, l, C]): the batch merged in front of the channels, then an mv
    "mv_rows_times_window_weight": lambda kv, t, s: torch.mv(
        _gather(kv, t, s).float().permute(0, 2, 3, 1).reshape(-1, L), torch.arange(L, dtype=torch.float32))
    .reshape(t.shape[0], kv.shape[2], -1),
    "identity_index_expanded": lambda kv, t, s: kv[t[torch.arange(t.shape[0])[:, None].expand(-1, L),
                                                     _window(t, s)[0] * 0 + (s[:, None] - L + torch.arange(L))
                                                     .clamp(min=0) // P], _window(t, s)[1]].float().sum(1),
}

REFUSED = {
    # rows mixed
    "embedding_of_batch_rows": lambda kv, t, s: torch.nn.functional.embedding(
        torch.zeros_like(s), _gather(kv, t, s).float().sum(1).reshape(s.shape[0], -1)),  # every row reads row 0
    "reduction_over_batch": lambda kv, t, s: _gather(kv, t, s - s.max() + s.max()).float().sum(1),
    "dim_reduction_over_batch": lambda kv, t, s: _gather(kv, t, s - s[:, None].amax(0) + s.amax(0, keepdim=True))
    .float().sum(1),
    "outer_sum": lambda kv, t, s: _gather(kv, t, (s[:, None] + 0 * s[None, :]).amax(1)).float().sum(1),
    "flip_batch": lambda kv, t, s: _gather(kv, t.flip(0), s).float().sum(1),
    "batch_indexed_by_data": lambda kv, t, s: _gather(kv, t[s % t.shape[0]], s).float().sum(1),
    "batch_indexed_by_shifted_identity": lambda kv, t, s: kv[t[(torch.arange(t.shape[0]) + 1) % t.shape[0], 0]]
    .float().sum(1),
    "gather_along_batch": lambda kv, t, s: kv[t.gather(0, (s[:, None] % t.shape[0]).expand(-1, t.shape[1]))[:, 0]]
    .float().sum(1),
    "every_pair_of_rows": lambda kv, t, s: kv[t[:, s % t.shape[1]]].float().sum((1, 2)),
    "bmm_contracting_batch": lambda kv, t, s: torch.bmm(
        _gather(kv, t, s).float().permute(2, 3, 0, 1).reshape(kv.shape[2], kv.shape[3], -1),
        torch.ones(kv.shape[2], t.shape[0] * L, 1)),
    "mv_contracting_batch": lambda kv, t, s: torch.mv(
        _gather(kv, t, s).float().permute(2, 3, 0, 1).reshape(kv.shape[2] * kv.shape[3], -1), torch.ones(t.shape[0] * L)),
    "mv_of_a_batch_vector": lambda kv, t, s: _gather(kv, t, s).float().sum(1) * torch.mv(
        torch.ones(1, t.shape[0]), (s > 0).float()),  # (the fraction of rows that qualify, times B)
    # rows that differ in more than their inputs
    "identity_with_row_dependent_columns": lambda kv, t, s: kv[t[torch.arange(t.shape[0])[:, None],
                                                                  torch.arange(t.shape[0])[:, None] % t.shape[1]],
                                                                s[:, None] % P].float().sum(1),
    "row_number_expanded": lambda kv, t, s: _gather(
        kv, t, (s[:, None] + (torch.arange(t.shape[0]) >= 2)[:, None].expand(-1, 2)).amax(1)).float().sum(1),
    "row_number_in_arithmetic": lambda kv, t, s: _gather(kv, t, s + (torch.arange(t.shape[0]) >= 2)).float().sum(1),
    "slice_of_batch": lambda kv, t, s: torch.cat([_gather(kv, t, s)[:-1], _gather(kv, t, s)[-1:] * 2]).float().sum(1),
    "conv_over_batch_channels": lambda kv, t, s: torch.nn.functional.conv1d(
        _gather(kv, t, s).float().permute(2, 0, 3, 1).flatten(1, 2), torch.ones(1, t.shape[0] * kv.shape[3], L)),
    "avg_pool_over_batch": lambda kv, t, s: torch.nn.functional.avg_pool1d(  # neighbours' mean, B kept
        _gather(kv, t, s).float().sum((1, 2)).t()[None], 3, stride=1, padding=1)[0].t(),
    "as_strided_across_rows": lambda kv, t, s: _gather(kv, t, s).float().contiguous().as_strided(  # half-row steps
        (t.shape[0], L, kv.shape[2], kv.shape[3]), (L // 2 * kv.shape[2] * kv.shape[3], kv.shape[2] * kv.shape[3],
                                                    kv.shape[3], 1)).sum(1),
    "take_of_batch_data": lambda kv, t, s: _gather(kv, t, s).float().take(s[:, None] % 5).sum(1),
    "diagonal_over_batch": lambda kv, t, s: torch.einsum(
        "bjhd,jc->bhdc", _gather(kv, t, s).float(), torch.ones(L, t.shape[0])).diagonal(0, 0, 3),
    "weight_repeated_in_part": lambda kv, t, s: torch.bmm(
        _gather(kv, t, s).float().permute(0, 2, 3, 1).reshape(-1, 1, L),
        torch.arange(4 * L, dtype=torch.float32).reshape(4, L).repeat(t.shape[0] * kv.shape[2] * kv.shape[3] // 4,
                                                                       1)[:, :, None]),  # 4 rows a copy, 6 a slab
    # batch-free values that differ along the batch-sized dim the permute brings to the front (its input's
    # dim 1), broadcast along the other (its input's dim 0): not the same slabs along the batch
    "permute_brings_a_varying_dim_to_the_batch": lambda kv, t, s: (
        _gather(kv, t, s).float().sum(1)[:, None] * kv[:t.shape[0], 0, :, :1][None].expand(t.shape[0], -1, -1, -1)
        .permute(1, 0, 2, 3)).sum(1),
    "split_of_batch": lambda kv, t, s: _gather(kv, t, s).float().split(B // 2, dim=0)[1].sum(1),
    "cumsum_over_batch": lambda kv, t, s: _gather(kv, t, s).float().sum(1).cumsum(0),
    # a reshape that interleaves the batch with another dimension
    "batch_interleaved": lambda kv, t, s: _gather(kv, t, s).float().transpose(0, 1).reshape(-1, kv.shape[2],
                                                                                       kv.shape[3]),
}


def _traced(fn):
    kv = torch.randn(2 * B * PAGES, P, 2, 3)
    table = torch.randint(0, kv.shape[0], (B, PAGES))
    lens = torch.randint(0, PAGES * P + 1, (B,))
    gm = make_fx(fn, tracing_mode="fake")(kv, table, lens)
    ph = [n for n in gm.graph.nodes if n.op == "placeholder"]
    out = gm.graph.output_node().args[0]
    out = out[0] if isinstance(out, (list, tuple)) else out
    return gm, ph, out, (kv, table, lens)


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_accepted_graphs_cut_to_the_first_rows_of_the_full_evaluation(name):
    gm, ph, out, (kv, table, lens) = _traced(ACCEPTED[name])
    cut = Subgraph([out], ph, batch=({ph[1], ph[2]}, B, ROWS))
    k, c = cut._batch.dim[out]
    full = Subgraph([out], ph)([kv, table, lens], Sizes(None))[0]
    got = cut([kv, table[:ROWS], lens[:ROWS]], Sizes(None))[0]
    assert full.shape[k] == c * B
    torch.testing.assert_close(got, full.narrow(k, 0, c * ROWS), rtol=0, atol=0)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_graphs_whose_rows_are_not_independent_have_no_plan(name):
    gm, ph, out, _ = _traced(REFUSED[name])
    with pytest.raises(EvaluationError):
        Subgraph([out], ph, batch=({ph[1], ph[2]}, B, ROWS))


# --- recognition with the cut in use -----------------------------------------------------------------------
def _step_args(formulation, **kw):
    x = make_inputs(dtype=torch.float16, weight_layout=formulation.weight_layout, **kw)
    model = CompressStep(formulation, x["l"], x["d"])
    return x, model, [x[k] for k in ("input", "weight", "slots", "block_table", "lengths")]


def _compiled_and_eager(model, x, args, dialect="inductor_graph", dynamic=False):
    """Run ``model`` eagerly and compiled on copies of the cache: (stats, code, compiled cache, eager cache)."""
    eager = x["cache"].clone()
    model(*args, eager)
    cache = x["cache"].clone()
    _, code, stats = compile_and_run(model, [*args, cache], dialect, dynamic=dynamic)
    return stats, code, cache, eager


@pytest.fixture
def small_cut(monkeypatch):
    monkeypatch.setattr(pooling, "PROBE_BATCH", ROWS)


@pytest.mark.parametrize("dialect", ["inductor_graph", "torchair_like"])
@pytest.mark.parametrize("formulation", FORMULATIONS, ids=lambda f: f.name)
def test_every_formulation_fuses_probed_at_a_few_batch_rows(small_cut, formulation, dialect):
    x, model, args = _step_args(formulation)
    stats, _, cache, eager = _compiled_and_eager(model, x, args, dialect)
    assert stats.get("fused") == 1 and stats.get("batch_cut") == 1, stats
    torch.testing.assert_close(cache, eager, rtol=0, atol=0)


@pytest.mark.parametrize("near_miss", NEAR_MISSES, ids=lambda f: f.name)
def test_every_near_miss_stays_unfused_probed_at_a_few_batch_rows(small_cut, near_miss):
    x, model, args = _step_args(near_miss)
    stats, code, cache, eager = _compiled_and_eager(model, x, args)
    assert stats.get("fused", 0) == 0 and count_fused_calls(code) == 0, stats
    torch.testing.assert_close(cache, eager, rtol=2e-2, atol=2e-2)


class RightOnTheFirstRows(torch.nn.Module):
    """The contract on batch rows below ``first``; beyond, ``wrong`` changes the pooled rows."""

    def __init__(self, first, wrong):
        super().__init__()
        self.first, self.wrong = first, wrong

    def forward(self, kv, w, slots, table, lens, cache):
        l, d, Pg = 32, 16, kv.shape[1]
        pos = (lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        tok = kv[table.long().gather(1, pos // Pg), pos % Pg]
        new = (tok.float() * w.float()[None, :, :, None]).sum(1)
        new = self.wrong(new, torch.arange(new.shape[0])[:, None, None] >= self.first)
        s = slots.long()
        cache[s] = torch.where(((lens >= l) & ((lens - l) % d == 0))[:, None, None], new.to(cache.dtype), cache[s])
        return cache


@pytest.mark.parametrize("wrong", [
    lambda new, later: torch.where(later, new * 2, new),  # a row-number-dependent weight
    lambda new, later: torch.cat([new[:-1], new[-1:] + 1]),  # only the last row biased
], ids=["row_dependent_weight", "last_row_bias"])
@pytest.mark.parametrize("dynamic", [False, "batch", True], ids=["static", "mark_dynamic", "dynamic"])
def test_steps_right_on_the_first_rows_only_are_refused(small_cut, wrong, dynamic):
    x = make_inputs(B=40, dtype=torch.float16, qualifying="all")
    args = [x[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    stats, _, cache, eager = _compiled_and_eager(RightOnTheFirstRows(ROWS, wrong), x, args, dynamic=dynamic)
    assert stats.get("fused", 0) == 0 and not stats.get("batch_cut"), stats
    torch.testing.assert_close(cache, eager, rtol=2e-2, atol=2e-2)


# --- a symbolic batch: probed with the batch symbol at a few rows ---------------------------------------------
@pytest.mark.parametrize("dynamic", ["batch", True], ids=["mark_dynamic", "dynamic"])
@pytest.mark.parametrize("formulation", FORMULATIONS, ids=lambda f: f.name)
def test_every_formulation_fuses_with_a_symbolic_batch_probed_at_a_few_rows(small_cut, formulation, dynamic):
    """Under mark_dynamic and dynamic=True gather + pooling are evaluated with the batch symbol at
    ROWS rows (a batch the compiled graph serves as it is), in the first proof and in the second one at
    other sizes: batch_cut counts both."""
    x, model, args = _step_args(formulation)
    stats, code, cache, eager = _compiled_and_eager(model, x, args, dynamic=dynamic)
    assert stats.get("fused") == 1 and count_fused_calls(code) == 1 and stats.get("batch_cut") == 2, stats
    torch.testing.assert_close(cache, eager, rtol=0, atol=0)


class BatchAtLeast(torch.nn.Module):
    """The contract, behind a Python branch on the batch size: dynamo guards the batch to ``>= 20``."""

    def forward(self, kv, w, slots, table, lens, cache):
        if lens.shape[0] < 20:
            raise ValueError("batch too small")
        l, d, Pg = 32, 16, kv.shape[1]
        pos = (lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        tok = kv[table.long().gather(1, pos // Pg), pos % Pg]
        new = (tok.float() * w.float()[None, :, :, None]).sum(1).to(cache.dtype)
        s = slots.long()
        cache[s] = torch.where(((lens >= l) & ((lens - l) % d == 0))[:, None, None], new, cache[s])
        return cache


@pytest.mark.parametrize("dynamic", ["batch", True], ids=["mark_dynamic", "dynamic"])
def test_a_symbolic_batch_is_probed_at_a_few_rows_only_where_the_guards_admit_them(small_cut, dynamic):
    """A graph guarded to batches of 20 or more serves no batch of ROWS rows: probed as compiled."""
    x = make_inputs(B=24, dtype=torch.float16, qualifying="all")
    args = [x[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    stats, code, cache, eager = _compiled_and_eager(BatchAtLeast(), x, args, dynamic=dynamic)
    assert stats.get("fused") == 1 and count_fused_calls(code) == 1 and not stats.get("batch_cut"), stats
    torch.testing.assert_close(cache, eager, rtol=0, atol=0)


def test_pooling_probe_compares_every_row_also_outside_the_exact_ones():
    """Rows not compared bit for bit are compared through the exact projection: one element off by
    the smallest step a dyadic probe can show is caught, on any row."""
    gen = torch.Generator().manual_seed(0)
    inp = proof._dyadic((6, 4, 2, 5), torch.float16, gen, 16, 8)
    weight = proof._dyadic((3, 2), torch.float16, gen, 32, 16)
    table = torch.randint(0, 6, (10, 3), generator=gen)
    lens = torch.randint(3, 13, (10,), generator=gen)
    proj = torch.randint(-(1 << 16), (1 << 16) + 1, (5,), generator=gen, dtype=torch.float64)
    probe = proof._PoolingProbe(inp, inp.double() @ proj, proj, table, lens, 3, exact=torch.tensor([0, 1]))
    right = proof.contract_pooled(proof.contract_tokens(inp, table, lens, 3), weight)
    assert probe.agrees(right, weight)
    for row in (1, 7):  # an exactly compared row, and one compared through the projection only
        wrong = right.clone()
        wrong[row, 1, 3] += 1 / 128
        assert not probe.agrees(wrong, weight)
