"""Recognition by meaning (issue 11): what the recogniser proves, what it refuses and how it says so.

Each test targets one rule of ``nsa_fusion/patterns/verify.py``: the exhaustive mask, the probes of
gather + pooling, the dtype rules, the write and keep checks, roles, sizes under dynamic shapes,
the explain report.  Inductor's post-grad graph (``inductor_graph``) unless a test says otherwise.
"""
from __future__ import annotations

import pytest
import torch

import nsa_fusion
from fusion_harness import compile_and_run, count_fused_calls, rejections
from golden import golden_compress_infer
from nsa_fusion import diagnostics
from nsa_fusion.testing.formulations import make_inputs

ARGS = ("input", "weight", "slots", "block_table", "lengths")


def _inputs(dtype=torch.float16, **kw):
    x = make_inputs(dtype=dtype, **kw)
    return x, [x[k] for k in ARGS] + [x["cache"].clone()]


def _golden(x, weight=None):
    return golden_compress_infer(x["input"], x["op_weight"] if weight is None else weight, x["slots"], x["l"], x["d"],
                                 x["P"], block_table=x["block_table"], actual_seq_len=x["lengths"], cache=x["cache"])


def _window(kv, table, lens, l, P):
    pos = (lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
    return kv[table.long().gather(1, pos // P), pos % P]


class Step(torch.nn.Module):
    """A plain step whose mask, pooling or write a test swaps out."""

    def __init__(self, mask=None, pool=None, l=32, d=16):
        super().__init__()
        self.l, self.d = l, d
        self.mask = mask or (lambda s, l, d: (s >= l) & ((s - l) % d == 0))
        self.pool = pool or (lambda tok, w: (tok.float() * w.float()[None, :, :, None]).sum(1))

    def forward(self, kv, w, slots, table, lens, cache):
        tok = _window(kv, table, lens, self.l, kv.shape[1])
        new = self.pool(tok, w).to(cache.dtype)
        s = slots.long()
        cache[s] = torch.where(self.mask(lens, self.l, self.d)[:, None, None], new, cache[s])
        return cache


def _refusal():
    (event,) = rejections()
    return event


# --- the mask: exhaustive over every length the cache can hold -------------------------------------
@pytest.mark.parametrize("mask, length", [
    (lambda s, l, d: (s >= l) & ((s - l) % d == 0) & (s != l + 5 * d), 32 + 5 * 16),  # one window missing
    (lambda s, l, d: ((s >= l) & ((s - l) % d == 0)) | (s == l + 5 * d + 3), 32 + 5 * 16 + 3),  # one extra
], ids=["missing_length", "extra_length"])
def test_condition_wrong_at_a_single_length_is_refused_and_named(mask, length):
    x, args = _inputs()
    eager = x["cache"].clone()
    model = Step(mask=mask)
    model(*args[:-1], eager)
    _, _, stats = compile_and_run(model, args, "inductor_graph")
    assert stats.get("fused", 0) == 0
    e = _refusal()
    assert e.pattern == "mask" and f"length {length}" in e.reason, e
    torch.testing.assert_close(args[-1], eager, rtol=0, atol=0)


@pytest.mark.parametrize("mask", [lambda s, l, d: (s - l) % d == 0, lambda s, l, d: (s >= l - d) & ((s - l) % d == 0)],
                         ids=["no_threshold", "threshold_one_stride_early"])
def test_condition_without_the_threshold_is_refused(mask):
    """(s - l) % d == 0 also holds below l: those lengths write rows the contract leaves alone."""
    x, args = _inputs()
    eager = x["cache"].clone()
    Step(mask=mask)(*args[:-1], eager)
    _, _, stats = compile_and_run(Step(mask=mask), args, "inductor_graph")
    assert stats.get("fused", 0) == 0 and _refusal().pattern == "mask", _refusal()
    torch.testing.assert_close(args[-1], eager, rtol=2e-2, atol=2e-2)


def test_condition_that_differs_only_beyond_the_cache_capacity_is_the_contract():
    x, args = _inputs()  # capacity 4 pages * 64 = 256
    model = Step(mask=lambda s, l, d: (s >= l) & ((s - l) % d == 0) & (s < 100000))
    _, _, stats = compile_and_run(model, args, "inductor_graph")
    assert stats.get("fused") == 1, stats
    torch.testing.assert_close(args[-1], _golden(x), rtol=0, atol=0)


@pytest.mark.parametrize("spelling", [
    lambda s, l, d: ~((s < l) | ((s - l) % d != 0)),
    lambda s, l, d: torch.logical_and(s - l >= 0, torch.fmod(s - l, d) == 0),
    lambda s, l, d: ((s - l) // d * d == s - l) & (s > l - 1),
    lambda s, l, d: (s >= l).int() * ((s - l) % d == 0).int() > 0,
], ids=["de_morgan", "fmod_logical_and", "floordiv_times", "int_product"])
def test_any_mask_algebra_that_computes_the_condition_fuses(spelling):
    x, args = _inputs()
    _, _, stats = compile_and_run(Step(mask=spelling), args, "inductor_graph")
    assert stats.get("fused") == 1, [(e.pattern, e.reason) for e in rejections()]
    torch.testing.assert_close(args[-1], _golden(x), rtol=0, atol=0)


def test_stride_one_condition_is_the_contract_with_d_equal_1():
    """``s >= l`` alone is s >= l and (s - l) % 1 == 0: the op with d = 1 computes exactly that."""
    x, args = _inputs()
    _, code, stats = compile_and_run(Step(mask=lambda s, l, d: s >= l), args, "inductor_graph")
    assert stats.get("fused") == 1, stats
    assert ", 32, 1, 64)" in code, code
    want = golden_compress_infer(x["input"], x["op_weight"], x["slots"], 32, 1, 64, block_table=x["block_table"],
                                 actual_seq_len=x["lengths"], cache=x["cache"])
    torch.testing.assert_close(args[-1], want, rtol=0, atol=0)


# --- pooling: linear, fp32, exact coefficients -------------------------------------------------------
@pytest.mark.parametrize("pool,part,what", [
    (lambda tok, w: (tok.float() * w.float()[None, :, :, None]).sum(1) + 1e-3, "pooling", "a bias"),
    (lambda tok, w: (tok.float() * tok.float() * w.float()[None, :, :, None]).sum(1), "pooling", "tokens by tokens"),
    (lambda tok, w: (tok.float().relu() * w.float()[None, :, :, None]).sum(1), "pooling", "relu"),
    (lambda tok, w: ((tok * w[None, :, :, None]).float()).sum(1), "dtype", "float16"),
    (lambda tok, w: (tok.float() * w.float()[None, :, :, None]).sum(1).half().float() * 1.0, "dtype", "rounded"),
    (lambda tok, w: (tok.float() * (w.float() * 2)[None, :, :, None]).sum(1) / 2, "weight", "computed"),
    (lambda tok, w: (tok.float() * w.float().flip(1)[None, :, :, None]).sum(1), "pooling", "not sum_j"),
], ids=["bias", "quadratic", "relu", "half_products", "double_rounding", "computed_weight", "heads_swapped"])
def test_pooling_that_is_not_the_contract_is_refused_with_its_part(pool, part, what):
    x, args = _inputs()
    e = _refused_with_eager_numbers(Step(pool=pool), x, args, part, what)
    assert e.node and e.hint, e


def _refused_with_eager_numbers(model, x, args, part, what):
    """``model`` stays unfused, the refusal names ``part`` (and ``what``), and the compiled graph still
    computes what the model says.  Returns the refusal."""
    eager = x["cache"].clone()
    model(*args[:-1], eager)
    _, _, stats = compile_and_run(model, args, "inductor_graph")
    assert stats.get("fused", 0) == 0, stats
    e = _refusal()
    assert e.pattern == part and what in e.reason, e
    torch.testing.assert_close(args[-1], eager, rtol=2e-2, atol=2e-2)
    return e


@pytest.mark.parametrize("weight_of, pool, part, what", [
    # pools the last 16 tokens with a [16, N] weight while the condition completes windows of 32
    (lambda w: w[:16].contiguous(), lambda tok, w: (tok[:, 16:].float() * w.float()[None, :, :, None]).sum(1),
     "mask", "has 16 positions"),
    # (one [l] vector for all heads is the op's weight expanded to [l, N]: it fuses, layout "l1")
], ids=["window_shorter_than_condition"])
def test_weight_of_another_shape_names_the_part_that_disagrees(weight_of, pool, part, what):
    x, args = _inputs()
    args[1] = weight_of(args[1])
    _refused_with_eager_numbers(Step(pool=pool), x, args, part, what)


MEAN_POOLS = {
    "mean": lambda tok, w: tok.float().mean(1),
    # 1/l as an fp32 factor: the op can only multiply by 1/l in the data dtype, so this is the
    # contract exactly when 1/l is exact in fp16 (l a power of two)
    "times_fp32_reciprocal": lambda tok, w: (tok.float() * (1.0 / tok.shape[1])).sum(1),
}


@pytest.mark.parametrize("pool", sorted(MEAN_POOLS))
def test_mean_over_a_power_of_two_window_fuses_and_other_l_is_refused(pool):
    for l, fuses in ((32, True), (48, False)):
        x, args = _inputs(l=l, d=16, weight_layout="mean")
        model = Step(pool=MEAN_POOLS[pool], l=l, d=16)
        _, _, stats = compile_and_run(model, args, "inductor_graph")
        assert stats.get("fused", 0) == int(fuses), (l, stats)
        if fuses:
            torch.testing.assert_close(args[-1], _golden(x), rtol=0, atol=0)
        else:
            assert _refusal().pattern == "pooling" and "1/l is not exact" in _refusal().reason


def test_fp32_weight_with_fp16_tokens_is_refused_because_the_op_would_round_it():
    x, args = _inputs()
    args[1] = args[1].float() + 1e-4  # not representable in fp16
    _, _, stats = compile_and_run(Step(), args, "inductor_graph")
    assert stats.get("fused", 0) == 0
    e = _refusal()
    assert e.pattern == "weight" and "takes the weight in float16" in e.reason, e


# --- write and keep ------------------------------------------------------------------------------------
def test_blend_instead_of_select_is_refused_with_a_hint():
    class Blend(Step):
        def forward(self, kv, w, slots, table, lens, cache):
            tok = _window(kv, table, lens, self.l, kv.shape[1])
            new = self.pool(tok, w).to(cache.dtype)
            s = slots.long()
            m = self.mask(lens, self.l, self.d)[:, None, None].to(cache.dtype)
            cache[s] = new * m + cache[s] * (1 - m)
            return cache

    _, args = _inputs()
    _, _, stats = compile_and_run(Blend(), args, "inductor_graph")
    assert stats.get("fused", 0) == 0
    e = _refusal()
    assert e.pattern == "keep" and "inf/nan" in e.hint, e


def test_keep_branch_that_changes_the_bits_of_kept_rows_is_refused():
    """``cache[s] + 0.0`` keeps every value but turns -0.0 into +0.0: rows of sequences whose window did
    not complete must stay bit-identical."""
    class PlusZero(Step):
        def forward(self, kv, w, slots, table, lens, cache):
            tok = _window(kv, table, lens, self.l, kv.shape[1])
            new = self.pool(tok, w).to(cache.dtype)
            s = slots.long()
            cache[s] = torch.where(self.mask(lens, self.l, self.d)[:, None, None], new, cache[s] + 0.0)
            return cache

    _, args = _inputs()
    _, _, stats = compile_and_run(PlusZero(), args, "inductor_graph")
    assert stats.get("fused", 0) == 0 and _refusal().pattern == "keep", _refusal()


def test_keep_rows_read_at_other_indices_are_refused():
    """The kept rows must be read at the written slots through casts and views only: index arithmetic
    there (here a clamp that is the identity on every valid slot) is refused rather than probed."""
    class ClampedKeep(Step):
        def forward(self, kv, w, slots, table, lens, cache):
            tok = _window(kv, table, lens, self.l, kv.shape[1])
            new = self.pool(tok, w).to(cache.dtype)
            s = slots.long()
            cache[s] = torch.where(self.mask(lens, self.l, self.d)[:, None, None], new, cache[s.clamp(max=10 ** 6)])
            return cache

    _, args = _inputs()
    _, _, stats = compile_and_run(ClampedKeep(), args, "inductor_graph")
    assert stats.get("fused", 0) == 0
    e = _refusal()
    assert e.pattern == "keep" and "clamp" in e.reason, e


def test_slots_computed_in_the_graph_are_the_op_slots():
    """Writing to slots + 1 is the op with slot_mapping = slots + 1: same math, fuses."""
    class Shifted(Step):
        def forward(self, kv, w, slots, table, lens, cache):
            return super().forward(kv, w, (slots + 1) % cache.shape[0], table, lens, cache)

    x, args = _inputs()
    _, _, stats = compile_and_run(Shifted(), args, "inductor_graph")
    assert stats.get("fused") == 1, stats
    shifted = (x["slots"] + 1) % x["cache"].shape[0]
    want = golden_compress_infer(x["input"], x["op_weight"], shifted, 32, 16, 64, block_table=x["block_table"],
                                 actual_seq_len=x["lengths"], cache=x["cache"])
    torch.testing.assert_close(args[-1], want, rtol=0, atol=0)


# --- roles: appending to the paged KV in the same graph ----------------------------------------------
class AppendAndCompressKV(torch.nn.Module):
    """One decode step of an NSA layer: append this step's K and V to the paged caches, then compress
    both (two compression steps in one graph)."""

    def __init__(self, wk, wv, l=32, d=16):
        super().__init__()
        self.wk, self.wv = torch.nn.Parameter(wk, requires_grad=False), torch.nn.Parameter(wv, requires_grad=False)
        self.l, self.d = l, d

    def forward(self, k_pages, v_pages, k_new, v_new, slots, table, lens, k_cmp, v_cmp):
        P = k_pages.shape[1]
        last = lens.long() - 1
        page = table.long().gather(1, (last // P)[:, None]).squeeze(1)
        k_pages[page, last % P] = k_new
        v_pages[page, last % P] = v_new
        ok = (lens >= self.l) & ((lens - self.l) % self.d == 0)
        s = slots.long()
        for pages, w, cmp in ((k_pages, self.wk, k_cmp), (v_pages, self.wv, v_cmp)):
            tok = _window(pages, table, lens, self.l, P)
            new = torch.einsum("bjhd,jh->bhd", tok.float(), w.float()).to(cmp.dtype)
            cmp.index_copy_(0, s, torch.where(ok[:, None, None], new, cmp[s]))
        return k_cmp, v_cmp


@pytest.mark.parametrize("dialect", ["inductor_graph", "torchair_like"])
def test_decode_loop_that_appends_then_compresses_fuses_both_and_compiles_once(dialect):
    from fusion_harness import InductorGraphBackend, TorchairLikeBackend

    torch.manual_seed(0)
    B, N, D, P, pages, l, d = 4, 2, 16, 64, 2, 32, 16  # P = 64: inside the Ascend kernel's limits
    wk, wv = torch.randn(l, N).half(), torch.randn(l, N).half()
    model = AppendAndCompressKV(wk, wv)
    state = [torch.randn(B * pages, P, N, D).half(), torch.randn(B * pages, P, N, D).half()]
    table = torch.randperm(B * pages).view(B, pages).int()
    slots = torch.randperm(3 * B)[:B].int()
    cmp = [torch.randn(3 * B, N, D).half(), torch.randn(3 * B, N, D).half()]
    lens = torch.tensor([5, 20, 31, 40]).int()
    eager_state, eager_cmp = [t.clone() for t in state], [t.clone() for t in cmp]
    backend = InductorGraphBackend() if dialect == "inductor_graph" else TorchairLikeBackend()
    torch._dynamo.reset()
    diagnostics.reset()
    compiled = torch.compile(model, backend=backend, fullgraph=True)
    for step in range(48):
        k_new, v_new = torch.randn(B, N, D).half(), torch.randn(B, N, D).half()
        model(*eager_state, k_new, v_new, slots, table, lens, *eager_cmp)
        compiled(*state, k_new, v_new, slots, table, lens, *cmp)
        for got, want in zip(state + cmp, eager_state + eager_cmp):
            torch.testing.assert_close(got, want, rtol=2e-3, atol=2e-3)
        lens = lens + 1
    assert len(backend.graphs) == 1  # one compile for the whole loop
    assert diagnostics.stats["fused"] == 2 and count_fused_calls(backend.code()) == 2, diagnostics.stats


# --- sizes under dynamic shapes ---------------------------------------------------------------------------
class LiteralPageSize(torch.nn.Module):
    """P written as a Python int while the page dimension of the input is symbolic (dynamic=True)."""

    def forward(self, kv, w, slots, table, lens, cache):
        l, d, P = 32, 16, 64
        N, D = kv.shape[2], kv.shape[3]
        pos = (lens[:, None] - l + torch.arange(l)).clamp(min=0)
        tok = kv.reshape(-1, N, D)[table.long().gather(1, pos // P) * P + pos % P]
        new = (tok.float() * w.float()[None, :, :, None]).sum(1).to(cache.dtype)
        s = slots.long()
        cache[s] = torch.where(((lens >= l) & ((lens - l) % d == 0))[:, None, None], new, cache[s])
        return cache


def test_python_int_page_size_fuses_under_dynamic_shapes_with_a_guard():
    from fusion_harness import InductorGraphBackend

    backend = InductorGraphBackend()
    torch._dynamo.reset()
    diagnostics.reset()
    compiled = torch.compile(LiteralPageSize(), backend=backend, dynamic=True)
    x, args = _inputs(B=5, N=3, D=48, P=64)
    compiled(*args)
    (fused,) = [e for e in diagnostics.events if e.kind == "fused"]
    assert "guarded" in fused.reason and "== 64" in fused.reason, fused
    torch.testing.assert_close(args[-1], _golden(x), rtol=0, atol=0)
    # another batch and heads: the same compiled graph serves it (only the page size was guarded)
    x, args = _inputs(B=7, N=3, D=48, P=64, seed=1)
    compiled(*args)
    assert len(backend.graphs) == 1
    torch.testing.assert_close(args[-1], _golden(x), rtol=0, atol=0)
    # pages of 128 rows: the guard fails, the model is recompiled; there the literal 64 is not the
    # page size, so the step is not the contract and stays unfused, computing what the model says
    kv = torch.randn(40, 128, 3, 48).half()
    table = torch.randperm(40)[:20].view(5, 4).int()
    lens = torch.tensor([32, 48, 64, 80, 96]).int()
    w, slots, cache = torch.randn(32, 3).half(), torch.randperm(10)[:5].int(), torch.randn(10, 3, 48).half()
    eager = cache.clone()
    LiteralPageSize()(kv, w, slots, table, lens, eager)
    diagnostics.reset()
    compiled(kv, w, slots, table, lens, cache)
    assert len(backend.graphs) == 2 and diagnostics.stats.get("fused", 0) == 0, diagnostics.stats
    torch.testing.assert_close(cache, eager, rtol=2e-2, atol=2e-2)


def test_the_pooling_proof_runs_at_every_size_assignment_a_dynamic_graph_is_proven_at(monkeypatch):
    """Under ``dynamic=True`` the proof is repeated at another size assignment; the pooling probes' memo (which spares
    repeating the same subgraph on the same draws) must not hand that second proof the first one's verdict: it is
    keyed by the sizes too.  (No spelling found so far fuses through a shared verdict, every size-dependent pooling is
    refused or guarded by another rule first, so the memo key is checked as the invariant the proof relies on.)"""
    from fusion_harness import InductorGraphBackend
    from nsa_fusion.patterns.pooling import PoolingProof

    seen = []
    run = PoolingProof._run_pooling_probes

    def record(self, qual, cut, sizes):
        seen.append(frozenset((sizes or self.sizes).assignment.items()))
        return run(self, qual, cut, sizes)

    monkeypatch.setattr(PoolingProof, "_run_pooling_probes", record)
    torch._dynamo.reset()
    diagnostics.reset()
    x, args = _inputs(B=5, N=3, D=48)
    torch.compile(Step(), backend=InductorGraphBackend(), dynamic=True)(*args)
    assert diagnostics.stats.get("fused", 0) == 1
    assert len(set(seen)) >= 2, seen  # (the compiled sizes and at least one other assignment)
    torch.testing.assert_close(args[-1], _golden(x), rtol=0, atol=0)


# --- explain ----------------------------------------------------------------------------------------
def test_explain_names_part_node_source_line_and_hint(capsys):
    x, args = _inputs()
    model = Step(pool=lambda tok, w: (tok.float() * w.float()[None, :, :, None]).sum(1) + 1e-3)
    report = nsa_fusion.explain(model, *args)
    out = str(report)
    (e,) = report.refused
    assert e.pattern == "pooling" and e.hint
    assert "test_recognition.py" in e.source and "1e-3" in e.source, e.source  # the line with the bias
    assert "refused  pooling" in out and "hint:" in out and "test_recognition.py" in out, out
    assert torch.equal(args[-1], x["cache"])  # explain works on copies


# --- big caches: evaluated at a few rows ------------------------------------------------------------------
class FlatGatherStep(Step):
    """The window read through a flat view of the paged KV: a reshape of a tensor that gets shrunk."""

    def forward(self, kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        rows = table.long().gather(1, pos // P) * P + pos % P
        tok = kv.reshape(kv.shape[0] * P, kv.shape[2], kv.shape[3])[rows]  # explicit sizes: re-derived
        new = self.pool(tok, w).to(cache.dtype)
        s = slots.long()
        cache[s] = torch.where(self.mask(lens, self.l, self.d)[:, None, None], new, cache[s])
        return cache


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic_all"])
@pytest.mark.parametrize("step", [Step, FlatGatherStep], ids=["advanced_index", "flat_view"])
def test_a_cache_too_big_to_evaluate_whole_is_verified_at_a_few_rows(monkeypatch, step, dynamic):
    """Static graphs: the shapes on the big tensors' paths are rewritten for a few rows.  Dynamic ones:
    the symbol of their leading size is given a small value the guards allow."""
    from nsa_fusion.patterns import pooling, proof, write

    monkeypatch.setattr(proof, "SHRINK_ABOVE", 1000)
    monkeypatch.setattr(proof, "MAX_EVAL_ELEMENTS", 20_000)  # the input and cache are bigger than this
    probes = []  # the shapes the input and cache are evaluated at
    real = proof._probe_shape
    for module in (write, pooling):
        monkeypatch.setattr(module, "_probe_shape", lambda *a: probes.append(real(*a)) or probes[-1])
    x, args = _inputs(num_slots=400, pages_per_seq=8)
    assert args[0].numel() > 20_000 and args[-1].numel() > 20_000
    _, _, stats = compile_and_run(step(), args, "inductor_graph", dynamic=dynamic)
    assert probes and max(p[0] for p in probes) < 64, probes  # (input: 67 blocks, cache: 400 slots)
    assert stats.get("fused") == 1, [(e.pattern, e.reason) for e in rejections()]
    torch.testing.assert_close(args[-1], _golden(x), rtol=0, atol=0)


# --- torch_npu's own CPU golden, vectorised --------------------------------------------------------------
def opplugin_golden_vectorised(input, weight, slot_mapping, block_table, actual_seq_len, cache, l, d, P):
    """Ascend op-plugin's golden for npu_nsa_compress_infer (test/test_custom_ops/
    test_npu_nsa_compress_infer.py, ``cpu_op_exec`` + ``get_last_kv``), vectorised over the batch the way
    that golden computes it: fp32 copies of input, weight and cache; the window's tokens taken from the
    current page, or from the previous page when the window starts there (``where``); the weighted sum;
    ``cache[slot] = ...``; and the whole cache returned in the input dtype (functional: the argument is
    not modified)."""
    input_dtype = input.dtype
    input, weight, cache = input.to(torch.float32), weight.to(torch.float32), cache.to(torch.float32)
    s = actual_seq_len.long()
    block_num = (s - 1) // P
    tile = s - block_num * P  # tokens of the window in the current page
    rows = torch.arange(s.shape[0])
    cur_page = block_table.long()[rows, block_num]
    pre_page = block_table.long()[rows, (block_num - 1).clamp(min=0)]
    j = torch.arange(l)
    from_pre = j[None, :] < (l - tile)[:, None]  # tile < l: the first l - tile tokens are on the previous page
    pre_off = (P - l + tile[:, None] + j[None, :]).clamp(0, P - 1)
    cur_off = (tile[:, None] - l + j[None, :]).clamp(0, P - 1)
    last_kv = torch.where(from_pre[:, :, None, None], input[pre_page[:, None], pre_off],
                          input[cur_page[:, None], cur_off])  # [B, l, N, D]
    compressed = (last_kv * weight.unsqueeze(2)[None]).sum(dim=1)
    ok = (s >= l) & ((s - l) % d == 0)
    slots = slot_mapping.long()
    cache[slots] = torch.where(ok[:, None, None], compressed, cache[slots])
    return cache.to(input_dtype)


class OpPluginGolden(torch.nn.Module):
    def forward(self, input, weight, slots, table, lens, cache):
        return opplugin_golden_vectorised(input, weight, slots, table, lens, cache, 32, 16, 64)


@pytest.mark.parametrize("dialect", ["inductor_graph", "torchair_like"])
@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=["fp16", "bf16"])
def test_op_plugin_golden_vectorised_fuses_out_of_place(dialect, dtype):
    """The vendor's own golden, vectorised (l <= P, as that golden assumes): fuses, bit-exact to the
    independent golden, and stays functional: the cache argument is untouched, a new cache returned."""
    x, args = _inputs(dtype=dtype)
    before = args[-1].clone()
    out, code, stats = compile_and_run(OpPluginGolden(), args, dialect)
    assert stats.get("fused") == 1, [(e.pattern, e.reason) for e in rejections()]
    assert count_fused_calls(code) == 1
    torch.testing.assert_close(out, _golden(x), rtol=0, atol=0)
    assert torch.equal(args[-1], before) and out is not args[-1]


# --- whole-cache spellings of the row write (blind5: written_rows_mask, dummy_row_redirect, bmm_scatter) ----
def _pooled(kv, w, table, lens, l=32):
    tok = _window(kv, table, lens, l, kv.shape[1])
    return (tok.float() * w.float()[None, :, :, None]).sum(1)


def _valid(lens, l=32, d=16):
    return (lens >= l) & ((lens - l) % d == 0)


class ScratchRowRedirect(torch.nn.Module):
    """vLLM's padding idiom: rows that do not complete write into a scratch row past the cache, which is
    sliced away.  ``scratch``: the scratch row's index relative to the cache's row count."""

    def __init__(self, scratch=0):
        super().__init__()
        self.scratch = scratch

    def forward(self, kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = _pooled(kv, w, table, lens).to(cache.dtype)
        ext = torch.cat([cache, cache.new_zeros(2, cache.shape[1], cache.shape[2])])
        tgt = torch.where(_valid(lens), slots.long(), torch.full_like(slots.long(), S + self.scratch))
        ext.index_put_((tgt,), new)
        cache.copy_(ext[:S])
        return cache


class MaskedWholeCache(torch.nn.Module):
    """A candidate cache with every named row replaced, then a select of whole cache rows by a mask of the
    rows a completing sequence names.  ``shift``: the mask marks slot + shift instead (a near miss)."""

    def __init__(self, swapped=False, copy=True, shift=0, zero_base=False, scatter_mask=False, mark_idle=False):
        super().__init__()
        self.swapped, self.copy, self.shift = swapped, copy, shift
        self.zero_base, self.scatter_mask, self.mark_idle = zero_base, scatter_mask, mark_idle

    def forward(self, kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = _pooled(kv, w, table, lens).to(cache.dtype)
        s = slots.long()
        marked = (s + self.shift) % S if self.shift else s
        if self.scatter_mask:
            written = torch.zeros(S, dtype=torch.bool).scatter(0, marked, _valid(lens))
        else:
            written = torch.zeros(S, dtype=torch.bool).index_put((marked,), _valid(lens))
        base = torch.zeros_like(cache) if self.zero_base else cache  # (rows the mask leaves are never read)
        cand = base.index_copy(0, s, new) if self.copy else base.index_put((s,), new)
        if self.mark_idle:  # the mask marks the slots of rows that do not complete: the candidate elsewhere
            written = torch.zeros(S, dtype=torch.bool).index_put((marked,), ~_valid(lens))
            out = torch.where(written[:, None, None], cache, cand)
        elif self.swapped:
            out = torch.where(~written[:, None, None], cache, cand)
        else:
            out = torch.where(written[:, None, None], cand, cache)
        cache.copy_(out)
        return cache


class ScatterRows2D(torch.nn.Module):
    """The select's rows permuted on the way (a reshape of them copies), written back with scatter_ on a
    [S, N*D] view.  ``column_shift``: half of each row goes to the next slot (a near miss)."""

    def __init__(self, column_shift=False):
        super().__init__()
        self.column_shift = column_shift

    def forward(self, kv, w, slots, table, lens, cache):
        S, N, D = cache.shape
        B = lens.shape[0]
        tok = _window(kv, table, lens, 32, kv.shape[1])  # heads-major products: the new rows are a permuted view
        new = torch.einsum("blnd,ln->nbd", tok.float(), w.float()).permute(1, 0, 2).to(cache.dtype)
        s = slots.long()
        rows = torch.where(_valid(lens)[:, None, None], new, cache[s])
        index = s[:, None].expand(B, N * D)
        if self.column_shift:
            index = (index + (torch.arange(N * D) >= N * D // 2)) % S
        cache.view(S, N * D).scatter_(0, index, rows.reshape(B, N * D))
        return cache


@pytest.mark.parametrize("dialect", ["inductor_graph", "torchair_like"])
@pytest.mark.parametrize("model", [ScratchRowRedirect(), ScratchRowRedirect(scratch=1), MaskedWholeCache(),
                                   MaskedWholeCache(swapped=True, copy=False),
                                   MaskedWholeCache(zero_base=True, scatter_mask=True), ScatterRows2D()],
                         ids=["redirect", "redirect_second_scratch_row", "masked_index_copy",
                              "masked_negated_swapped_index_put", "masked_zeros_candidate_scatter_mask",
                              "scatter_2d"])
def test_whole_cache_spellings_of_the_row_write_fuse(model, dialect):
    """Each is the row write on every valid input (docs/soundness.md, "Write and keep"): fused, bit-exact
    to the golden; padding rows (slot -1) that write nothing are among the rows."""
    # (fp32 rows in Inductor's graph: the reshape of the permuted select is a clone, then a view)
    x, args = _inputs(dtype=torch.float32 if isinstance(model, ScatterRows2D) and dialect == "inductor_graph"
                      else torch.float16)
    args[2][1] = -1  # row 1 does not complete (odd rows do not): a padding slot
    assert not bool(_valid(x["lengths"])[1])
    x["slots"] = args[2]
    if isinstance(model, ScatterRows2D) or (isinstance(model, MaskedWholeCache) and (model.copy or
                                                                                    model.scatter_mask)):
        # index_copy and scatter take no negative index: a padding slot in range that no other row names
        args[2][1] = min(set(range(x["cache"].shape[0])) - set(args[2].tolist()))
    _, code, stats = compile_and_run(model, args, dialect)
    assert stats.get("fused") == 1, [(e.pattern, e.reason) for e in rejections()]
    assert count_fused_calls(code) == 1
    torch.testing.assert_close(args[-1], _golden(x), rtol=0, atol=0)


@pytest.mark.parametrize("dialect", ["inductor_graph", "torchair_like"])
@pytest.mark.parametrize("model", [ScratchRowRedirect(scratch=-1), MaskedWholeCache(shift=1),
                                   MaskedWholeCache(mark_idle=True, zero_base=True), ScatterRows2D(column_shift=True)],
                         ids=["redirect_into_the_last_cache_row", "mask_of_other_slots",
                              "zeros_candidate_kept_where_no_row_writes", "scatter_columns_shifted"])
def test_whole_cache_spellings_that_write_other_rows_stay_unfused(model, dialect):
    """Near misses: the scratch row is a cache row (rows that do not complete overwrite it), the mask marks
    other rows than the candidate writes, half of each row lands in the next slot."""
    x, args = _inputs()
    eager = x["cache"].clone()
    model(*args[:-1], eager)
    assert not torch.equal(eager, _golden(x))
    _, code, stats = compile_and_run(model, args, dialect)
    assert stats.get("fused", 0) == 0 and count_fused_calls(code) == 0
    torch.testing.assert_close(args[-1], eager, rtol=0, atol=0)


class StrictRedirect(ScratchRowRedirect):
    """The redirect with ``s > l`` (misses the first window): rewritten to the row write, refused at the mask."""

    def forward(self, kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = _pooled(kv, w, table, lens).to(cache.dtype)
        ext = torch.cat([cache, cache.new_zeros(1, cache.shape[1], cache.shape[2])])
        tgt = torch.where(_valid(lens) & (lens > 32), slots.long(), torch.full_like(slots.long(), S))
        ext.index_put_((tgt,), new)
        cache.copy_(ext[:S])
        return cache


@pytest.mark.parametrize("dialect", ["inductor_graph", "torchair_like"])
def test_a_rewritten_write_that_is_refused_is_put_back_as_the_user_wrote_it(dialect):
    """The row write a redirect is rewritten to reads the slot of every row; the user's redirect never reads
    the slots of rows that do not write.  Refused (at the mask), the user's code is put back: a slot far out
    of range on such a row still runs as in eager, and the refusal names the mask, not a missing select."""
    x, args = _inputs()
    args[2][1] = 10 ** 6  # row 1 does not complete: its slot is never read by the redirect
    eager = x["cache"].clone()
    StrictRedirect()(*args[:-1], eager)
    _, code, stats = compile_and_run(StrictRedirect(), args, dialect)
    assert stats.get("fused", 0) == 0 and [e.pattern for e in rejections()] == ["mask"], rejections()
    torch.testing.assert_close(args[-1], eager, rtol=0, atol=0)


def test_whole_cache_spellings_fuse_under_dynamic_shapes():
    for model in (ScratchRowRedirect(), MaskedWholeCache()):
        x, args = _inputs()
        _, _, stats = compile_and_run(model, args, "inductor_graph", dynamic=True)
        assert stats.get("fused") == 1, [(e.pattern, e.reason) for e in rejections()]
        torch.testing.assert_close(args[-1], _golden(x), rtol=0, atol=0)


class Compaction(torch.nn.Module):
    """``cache[slots[idx]] = pooled[idx]``: only the completing rows, picked by ``nonzero`` or by the
    boolean mask.  ``rolled``: the new rows are picked by the mask shifted by one row (a near miss)."""

    def __init__(self, by="nonzero", rolled=False):
        super().__init__()
        self.by, self.rolled = by, rolled

    def forward(self, kv, w, slots, table, lens, cache):
        new = _pooled(kv, w, table, lens).to(cache.dtype)
        valid = _valid(lens)
        if self.by == "nonzero":
            idx = valid.nonzero(as_tuple=True)[0]
            cache[slots.long()[idx]] = new[(idx + 1) % lens.shape[0] if self.rolled else idx]
        else:
            cache[slots.long()[valid]] = new[valid.roll(1) if self.rolled else valid]
        return cache


@pytest.fixture
def data_dependent_shapes():
    """dynamo keeps ``nonzero`` and boolean-mask indexing in the graph (otherwise it splits the graph there)."""
    with torch._dynamo.config.patch(capture_dynamic_output_shape_ops=True):
        yield


@pytest.mark.parametrize("dialect", ["inductor_graph", "torchair_like"])
@pytest.mark.parametrize("by", ["nonzero", "mask"])
def test_compaction_of_the_completing_rows_fuses_where_it_is_one_graph(data_dependent_shapes, by, dialect):
    """``cache[slots[m]] = new[m]`` is the row write with a select on valid input (the written slots are
    unique): rewritten to it (``rewrite.normalize_row_writes``) and fused, bit-exact, padding slot included."""
    x, args = _inputs()
    args[2][1] = -1
    x["slots"] = args[2]
    _, code, stats = compile_and_run(Compaction(by), args, dialect)
    assert stats.get("fused") == 1, [(e.pattern, e.reason) for e in rejections()]
    torch.testing.assert_close(args[-1], _golden(x), rtol=0, atol=0)


@pytest.mark.parametrize("dialect", ["inductor_graph", "torchair_like"])
@pytest.mark.parametrize("by", ["nonzero", "mask"])
def test_compaction_that_picks_other_new_rows_stays_unfused(data_dependent_shapes, by, dialect):
    x, args = _inputs()
    eager = x["cache"].clone()
    Compaction(by, rolled=True)(*args[:-1], eager)
    assert not torch.equal(eager, _golden(x))
    _, code, stats = compile_and_run(Compaction(by, rolled=True), args, dialect)
    assert stats.get("fused", 0) == 0
    torch.testing.assert_close(args[-1], eager, rtol=0, atol=0)


def test_compaction_split_by_a_graph_break_is_explained():
    """Without ``capture_dynamic_output_shape_ops`` dynamo splits the step at ``nonzero``: explain says so
    and names the switch."""
    x, args = _inputs()
    report = nsa_fusion.explain(Compaction("nonzero"), *args)
    text = str(report)
    assert "split" in text and "nonzero" in text and "capture_dynamic_output_shape_ops" in text, text
    # the refusal itself names the compaction (not "no masked select", which the break's note alone would
    # leave standing beside it)
    (refusal,) = report.refused
    assert refusal.pattern == "keep" and "compaction" in refusal.reason and "split at nonzero" in refusal.reason, refusal
    assert "capture_dynamic_output_shape_ops" in refusal.hint, refusal
