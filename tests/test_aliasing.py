"""Reads of the old cache around a fused call (issue 18; red-team round 5, H1/H4/H5).

The fused call writes the cache input in place where nothing reads the old cache afterwards.  What reads it
afterwards -- a snapshot copied in the epilogue, directly or through views (``cache.unbind(1)[0]``, a view
chain, a bit view), a read taken early whose value is used late, the caller's own cache under a functional
step -- must still see the old rows, however the graph is compiled:

* Inductor's graph: the call is ``auto_functionalized`` (the graph stays functional for Inductor's passes
  after ours: its no-op clone removal and its scheduling of lazy reads assume it), Inductor's reinplacing
  decides about the cache input, and ``rewrite.protect_old_cache_readers`` gives readers Inductor's pass
  misses (view chains, no-ops it removes) a copy taken before the call;
* torchair's graph: ``rewrite.reinplace_clones`` moves the call behind such readers where nothing on the
  way writes what it reads (a KV append's epilogue copy would), else gives them a copy taken before it;
  and the pass drops no copy of an input the graph writes (``rewrite.remove_noops_keeping_snapshots``); the
  clones a fused call writes, or that copy a cache it writes, become ``_to_copy``, which torchair's own run of
  Inductor's ``remove_noop_ops`` after our hook keeps (``rewrite.keep_copies_torchair_would_drop``).

Each case runs through the red-team runner (``corpora/redteam5.py``): compiled with the pass against eager,
and where they differ against the pass-off control.
"""
from __future__ import annotations

import pytest
import torch

import nsa_fusion
from corpora import redteam5
from corpora.attacks import build, contract
from corpora.redteam2 import _mk
from fusion_harness import no_compile_caches
from nsa_fusion.backend import nsa_fusion_backend


def early_read_used_late(kv, w, slots, table, lens, cache):
    """A read of the cache before the step whose value is used after it (Inductor may compute it late)."""
    y = cache * 2
    contract(kv, w, slots, table, lens, cache)
    return cache, y + 1


def functional_step(kv, w, slots, table, lens, cache):
    """The step on a functional copy: the caller's cache stays as it was."""
    from corpora.attacks import completes, pool, positions, tokens
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    out = cache.index_put((s,), torch.where(completes(lens)[:, None, None], new, cache[s]))
    return out * 2


def two_steps_one_cache(kv, w, slots, table, lens, cache, slots2):
    """Two steps into one cache (a compression after each accepted token): the second step's cache is the
    first one's result, which the first fused call wrote in place into a copy (red team round 6, J3: the
    second call was emitted on the cache input and the first step's rows were lost)."""
    contract(kv, w, slots, table, lens, cache)
    return contract(kv, w.flip(0), slots2, table, lens, cache)


def _two_slot_maps(B=40):
    """Inputs with a second slot map, unique and disjoint from the first (rows the first step does not write)."""
    x = build(B=B, num_slots=3 * B)
    taken = set(x.args[2].tolist())
    free = [r for r in range(x.args[5].shape[0]) if r not in taken][:B]
    x.args.append(torch.tensor(free[::-1], dtype=x.args[2].dtype))
    return x


def two_level_paged(kv, w, slots, table, lens, cache4, table2, lens2, slots2, cache2):
    """Two-level compression: level 1's cache is stored paged, ``[blocks, 64, N, D]``, written through its
    ``[S, N, D]`` view, and level 2 gathers its pages (red team round 6, J4: the paged input's walk passed
    the copy the first call wrote and the second step read the level-1 cache without the new rows)."""
    blocks, P, N, D = cache4.shape
    contract(kv, w, slots, table, lens, cache4.view(blocks * P, N, D))
    return contract(cache4, w.flip(0), slots2, table2, lens2, cache2), cache4


def _two_level_inputs(B=40):
    from corpora.attacks import L, STRIDE
    x = build(B=B, num_slots=256, specials=False)
    g = torch.Generator().manual_seed(5)
    cache4 = x.args[5].view(4, 64, *x.args[5].shape[1:]).clone()
    table2 = torch.randint(0, 4, (B, 2), generator=g).to(x.args[3].dtype)
    k = torch.randint(0, (128 - L) // STRIDE + 1, (B,), generator=g)
    lens2 = torch.where(torch.arange(B) % 2 == 0, L + STRIDE * k, (L + STRIDE * k - 3).clamp(min=0))
    slots2 = torch.randperm(2 * B + 5, generator=g)[:B].to(x.args[2].dtype)
    cache2 = (torch.randint(-32, 33, (2 * B + 5, *x.args[5].shape[1:]), generator=g) / 16.0).to(x.args[5].dtype)
    x.args[5:] = [cache4, table2, lens2.to(x.args[4].dtype), slots2, cache2]
    return x


OWN = {"early_read_used_late": _mk(early_read_used_late, lambda: [build()]),
       "functional_step": _mk(functional_step, lambda: [build()]),
       "two_steps_one_cache": _mk(two_steps_one_cache, lambda: [_two_slot_maps()]),
       "two_level_paged": _mk(two_level_paged, lambda: [_two_level_inputs()])}
RED_TEAM = dict((name, factory) for name, factory, _ in redteam5.ATTACKS)
CASES = ["early_read_used_late", "functional_step", "two_steps_one_cache", "two_level_paged",
         "snap_then_kv_appended", "snap_then_lens_advanced", "snap_then_weight_scaled",  # H1
         "snap_of_flat_view", "snap_of_unbind", "snap_of_view_chain", "snap_of_bits",      # H4
         "cache_first_then_snap", "cache_first_snap_cat", "kv_snapshot_then_append"]       # H5


@pytest.mark.parametrize("dialect", ["inductor", "torchair_like"])
@pytest.mark.parametrize("name", CASES)
def test_old_cache_readers_see_the_old_rows(name, dialect):
    factory = OWN.get(name) or RED_TEAM[name]
    results = redteam5.classify5(name, factory, dialect, "static")
    bad = [r for r in results if r[1] in ("FALSE FUSION", "CRASH") or "PASS CHANGES" in r[1]]
    assert not bad, bad
    if name in OWN:  # (the red team's cases may be refused; these are the contract and must fuse, every step)
        steps = 2 if name.startswith("two_") else 1
        assert all(r[1] == "FUSED & EQUAL" and f"fused {steps}" in r[2] for r in results), results


@pytest.mark.parametrize("name", ["functional_step", "two_steps_one_cache", "snap_then_kv_appended", "snap_of_unbind"])
def test_old_cache_readers_see_the_old_rows_in_the_vllm_adapters_pass(name):
    """The vLLM adapters emit the MUTATING call in Inductor's post-grad graph (``functional_calls=False``): in the
    graph it leaves, the readers of the old cache come before the call (``reinplace_clones``; redteam6's
    ``vllm_post`` runner, which runs that graph as it is)."""
    from corpora import redteam6

    factory = OWN.get(name) or RED_TEAM[name]
    results = redteam6.classify6(name, factory, "vllm_post", "static")
    bad = [r for r in results if r[1] in ("FALSE FUSION", "CRASH") or "PASS CHANGES" in r[1]]
    assert not bad, bad
    if name in OWN:
        steps = 2 if name.startswith("two_") else 1
        assert all(r[1] == "FUSED & EQUAL" and f"fused {steps}" in r[2] for r in results), results


class _EarlyReaders(torch.nn.Module):
    """Reads of the cache before the step, used after it, in the spellings Inductor's reinplacing and no-op removal
    treat differently: arithmetic, a flat view, a clone and a copy of an ``unbind`` view, a transposed copy, a bit
    view, a gather of the written rows."""

    def forward(self, kv, w, slots, table, lens, cache):
        c0 = cache.unbind(1)[0]
        early = (cache * 2, cache.view(cache.shape[0], -1)[:, :4] + 0, c0.clone(), torch.empty_like(c0).copy_(c0),
                 cache.transpose(0, 1).contiguous(), cache.view(torch.int16).clone(), cache[slots.long()] * 1)
        contract(kv, w, slots, table, lens, cache)
        return (cache,) + tuple(e + 1 for e in early)


def test_early_reads_used_late_see_the_old_rows_in_the_vllm_adapters_pass_with_inductor_codegen():
    """The same with Inductor's codegen and scheduler after the pass (as vLLM compiles): a mutating extern call
    orders the reads of its argument taken before it."""
    from fusion_harness import no_compile_caches
    from nsa_fusion import diagnostics
    from nsa_fusion.fusion_pass import NsaFusionPass
    from nsa_fusion.rewrite import INDUCTOR

    x = build()
    args, eager = [a.clone() for a in x.args], [a.clone() for a in x.args]
    want = _EarlyReaders()(*eager)
    torch._dynamo.reset()
    diagnostics.reset()
    fusion = NsaFusionPass(INDUCTOR, reinplace=True, functional_calls=False)
    with no_compile_caches(), torch._inductor.config.patch(post_grad_custom_post_pass=fusion):
        got = torch.compile(_EarlyReaders(), backend="inductor", fullgraph=True)(*args)
    assert diagnostics.stats.get("fused", 0) == 1, diagnostics.events
    for i, (g, e) in enumerate(zip(got, want)):
        assert torch.equal(g, e) or (g.is_floating_point() and torch.equal(g.isnan(), e.isnan())
                                     and torch.equal(g.nan_to_num(), e.nan_to_num())), i


# --- a half of a stacked K/V cache (a view of the cache input) in Inductor's graph -------------------------
class _StackedWithReader(torch.nn.Module):
    """vLLM's stacked K/V step (test_whole_models.StackedKV) with a reader of the old stacked cache: a snapshot
    copied before the step, or a read before it whose value is used after it."""

    def __init__(self, reader):
        super().__init__()
        from test_whole_models import _STACKED_W, StackedKV
        self.step, self.reader = StackedKV(_STACKED_W, "halves"), reader

    def forward(self, kv, k_new, v_new, slots, table, lens, cmp, snap):
        if self.reader == "snapshot":
            snap.copy_(cmp)
            return self.step(kv, k_new, v_new, slots, table, lens, cmp)
        early = cmp * 2
        return self.step(kv, k_new, v_new, slots, table, lens, cmp), early + 1


@pytest.mark.parametrize("reader", ["snapshot", "early_read", None])
def test_stacked_cache_halves_keep_the_old_cache_for_its_readers(reader):
    """Both halves fuse; with a reader of the old stacked cache the calls write their own buffers
    (``rewrite.keep_stacked_halves_out_of_place``), without one they write the cache input in place."""
    from fusion_harness import compile_and_run
    from test_whole_models import _stacked_inputs

    args = _stacked_inputs()
    args.append(torch.zeros_like(args[-1]))
    model = _StackedWithReader(reader) if reader else _StackedWithReader("snapshot").step
    eager_args = [a.clone() for a in args]
    want = model(*eager_args[:len(args) - (reader is None)])
    call = [a.clone() for a in args][:len(args) - (reader is None)]
    got, code, stats = compile_and_run(model, call, "inductor", batch_positions=())
    assert stats.get("fused") == 2, stats
    for g, w in zip(list(got if isinstance(got, tuple) else (got,)) + call, list(want if isinstance(want, tuple) else (want,)) + eager_args):
        assert torch.equal(g.nan_to_num(), w.nan_to_num())
    assert ("detach_copy" in code) == (reader is not None), code


def test_a_step_never_evaluates_through_a_copy_a_fused_call_wrote(monkeypatch):
    """Second line behind the cache walk's stop (``proof._chain_back``): with a walk that passes the copy the
    first fused call wrote, ``check_no_overwritten_reads`` refuses the second step instead of proving it
    on the cache as it was before the first one."""
    import nsa_fusion.patterns.write as write_side

    def chain_back_through_everything(node, ops):
        chain = [node]
        while chain[-1].op == "call_function" and chain[-1].target in ops and chain[-1].args \
                and isinstance(chain[-1].args[0], torch.fx.Node):
            chain.append(chain[-1].args[0])
        return chain

    monkeypatch.setattr(write_side, "_chain_back", chain_back_through_everything)
    results = redteam5.classify5("two_steps_one_cache", OWN["two_steps_one_cache"], "torchair_like", "static")
    assert [r[1] for r in results] == ["FUSED & EQUAL"], results
    assert "fused 1" in results[0][2], results  # the first step only


# --- a functional step in torchair's graph (blind8 whole_cache_row_mask_where) ----------------------------
# torchair runs Inductor's remove_noop_ops after our hook: it dropped the clone the fused call writes (and a
# snapshot of a cache the call writes in place) as a same-layout no-op, so the call wrote the caller's cache
# (rewrite.keep_copies_torchair_would_drop).  Each spelling returns the new cache (or a value read from the
# old one) and must leave the caller's cache untouched where eager does.
def _step_parts(kv, w, slots, table, lens, cache):
    from corpora.attacks import completes, pool, positions, tokens
    return slots.long(), completes(lens), pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)


def _candidate(cache, s, valid, new):
    return torch.index_put(cache, (s,), torch.where(valid[:, None, None], new, cache[s]))


def where_mask_by_index_add(kv, w, slots, table, lens, cache):
    s, valid, new = _step_parts(kv, w, slots, table, lens, cache)
    written = torch.zeros(cache.shape[0], dtype=torch.int32).index_add(0, s, valid.to(torch.int32)) > 0
    return torch.where(written[:, None, None], _candidate(cache, s, valid, new), cache)


def where_mask_by_index_put(kv, w, slots, table, lens, cache):
    s, valid, new = _step_parts(kv, w, slots, table, lens, cache)
    written = torch.zeros(cache.shape[0], dtype=torch.bool).index_put((s,), valid)
    return torch.where(written[:, None, None], cache.index_copy(0, s, new), cache)


def where_mask_by_scatter(kv, w, slots, table, lens, cache):
    s, valid, new = _step_parts(kv, w, slots, table, lens, cache)
    written = torch.zeros(cache.shape[0], dtype=torch.bool).scatter(0, s, valid)
    return torch.where(written[:, None, None], _candidate(cache, s, valid, new), cache)


def where_negated_mask(kv, w, slots, table, lens, cache):
    s, valid, new = _step_parts(kv, w, slots, table, lens, cache)
    written = torch.zeros(cache.shape[0], dtype=torch.bool).index_put((s,), valid)
    return torch.where(~written[:, None, None], cache, cache.index_copy(0, s, new))


def where_mask_by_index_fill(kv, w, slots, table, lens, cache):
    s, valid, new = _step_parts(kv, w, slots, table, lens, cache)
    S = cache.shape[0]
    written = torch.zeros(S + 1, dtype=torch.bool).index_fill(0, torch.where(valid, s, S), True)[:S]
    return torch.where(written[:, None, None], _candidate(cache, s, valid, new), cache)


def candidate_scaled(kv, w, slots, table, lens, cache):
    s, valid, new = _step_parts(kv, w, slots, table, lens, cache)
    return _candidate(cache, s, valid, new) * 2


def snapshot_before_in_place_step(kv, w, slots, table, lens, cache):
    """The caller's cache IS written here; the snapshot taken before must keep the old rows."""
    old = cache.clone()
    contract(kv, w, slots, table, lens, cache)
    return cache, old * 2


def clone_of_a_cache_written_in_place_before(kv, w, slots, table, lens, cache):
    """Red-team 16 F2: the cache input written in place (a no-op scale), then cloned, the step into the clone:
    the caller's cache keeps its rows.  Inductor drops same-layout clones, ours and the user's, so the call
    wrote the scaled cache, which the epilogue copies into the caller's (``keep_intermediate_caches_out_of_place``)."""
    cache.mul_(1.0)
    v = cache.clone()
    contract(kv, w, slots, table, lens, v)
    return v, cache


def clone_of_a_computed_cache(kv, w, slots, table, lens, cache):
    """Red-team 16 F2, second form: the step into a clone of a cache the graph computed, which is read after."""
    c2 = cache * 1.0
    v = c2.clone()
    contract(kv, w, slots, table, lens, v)
    return v, c2 * 2


# (where_mask_by_scatter is refused today: the step's rows are not told apart there; it must still be exact)
FUNCTIONAL_SPELLINGS = [where_mask_by_index_add, where_mask_by_index_put, where_mask_by_scatter, where_negated_mask,
                        where_mask_by_index_fill, candidate_scaled, snapshot_before_in_place_step,
                        clone_of_a_cache_written_in_place_before, clone_of_a_computed_cache]


@pytest.mark.parametrize("dialect", ["inductor", "torchair"])
@pytest.mark.parametrize("fn", FUNCTIONAL_SPELLINGS, ids=lambda f: f.__name__)
def test_a_functional_step_leaves_the_callers_cache_as_eager_does(fn, dialect, request):
    from golden import golden_compress_infer
    from nsa_fusion import diagnostics
    from corpora.attacks import L, STRIDE

    x = build(N=4, D=32, specials=False)
    kv, w, slots, table, lens, cache = x.args
    eager_cache = cache.clone()
    want = fn(kv, w, slots, table, lens, eager_cache)
    if dialect == "torchair":
        if fn is where_mask_by_index_fill:
            pytest.skip("torchair has no GE converter for index_fill (plain torchair cannot compile it either)")
        torchair = request.getfixturevalue("torchair")
        cfg = torchair.CompilerConfig()
        cfg.debug.run_eagerly = True  # (experimental_config.remove_noop_ops: on, torchair's default)
        codes = []
        cfg.post_grad_custom_post_pass = lambda gm, example_inputs, config: codes.append(gm.code)
        backend = nsa_fusion.get_npu_backend(compiler_config=cfg)
    else:
        backend, codes = nsa_fusion_backend, None
    torch._dynamo.reset()
    diagnostics.reset()
    callers = cache.clone()
    got = torch.compile(fn, backend=backend, fullgraph=True)(kv, w, slots, table, lens, callers)
    assert diagnostics.stats["fused"] == (fn is not where_mask_by_scatter), diagnostics.events
    if codes is not None and fn is not where_mask_by_scatter:  # (the graph torchair runs still holds the call)
        assert "compress_infer_" in "\n".join(codes)
    changed = (callers != eager_cache).any(-1).any(-1).nonzero().flatten().tolist()
    assert not changed, f"the compiled step wrote rows {changed} of the caller's cache that eager leaves"
    new_cache = golden_compress_infer(kv, w, slots, L, STRIDE, kv.shape[1], block_table=table,
                                      actual_seq_len=lens, cache=cache)
    for g, e in zip(got if isinstance(got, tuple) else (got,), want if isinstance(want, tuple) else (want,)):
        assert torch.equal(g, e)
    first = got[0] if isinstance(got, tuple) else got / 2 if fn is candidate_scaled else got
    assert torch.equal(first, new_cache)



def _snapshot_between_halves(kv, w, slots, table, lens, cache):
    """Red team 17 N2: ``cache[0]`` stepped, ``snap = cache.clone()``, then ``cache[1]`` stepped; eager's ``snap[1]``
    holds half 1's old rows."""
    c0, c1 = cache[0], cache[1]
    contract(kv[0], w, slots, table, lens, c0)
    snap = cache.clone()
    contract(kv[1], w, slots, table, lens, c1)
    return cache, snap


def _snapshot_run(dialect):
    """(compiled outputs, eager outputs, fusion stats) of ``_snapshot_between_halves`` on a stacked fp32 cache."""
    from fusion_harness import compile_and_run

    g = torch.Generator().manual_seed(0)
    B, NB, P, N, D, S = 8, 40, 64, 2, 16, 21
    args = [torch.randint(-32, 33, (2, NB, P, N, D), generator=g) / 16.0,
            torch.randint(-2047, 2048, (32, N), generator=g) / 1024.0, torch.randperm(S, generator=g)[:B],
            torch.randperm(NB, generator=g)[:B * 4].view(B, 4), torch.tensor([32, 48, 64, 256, 31, 0, 80, 96]),
            torch.randn(2, S, N, D, generator=g)]
    want = _snapshot_between_halves(*[a.clone() for a in args])
    got, _, stats = compile_and_run(_snapshot_between_halves, [a.clone() for a in args], dialect)
    return got, want, stats


@pytest.mark.parametrize("dialect", [
    pytest.param("inductor", marks=pytest.mark.xfail(strict=True, reason=(
        "plain Inductor 2.13 returns the snapshot with half 1's new rows: its post-grad passes drop the clone before "
        "our pass runs (the graph we get returns the cache input as the snapshot), pytorch#198031's family"))),
    "torchair_like"])
def test_a_snapshot_between_the_steps_of_two_halves(dialect, monkeypatch):
    """Both halves fuse; the snapshot and the cache are eager's where the graph the pass receives still holds the
    clone (torchair's).  Under Inductor the plain compile is already wrong (the control below); the pass gives the
    same numbers there, never other ones."""
    monkeypatch.setenv("NSA_FUSION_FUSE_SMALL", "1")
    got, want, stats = _snapshot_run(dialect)
    assert stats.get("fused") == 2, stats
    assert torch.equal(got[0], want[0]) and torch.equal(got[1], want[1])


def test_the_snapshot_between_two_halves_is_wrong_in_plain_inductor_too(monkeypatch):
    """The control of the xfail above: with the pass off, Inductor returns the same wrong snapshot.  The day it does
    not, this fails and the xfail above passes (strict): both are revisited together."""
    monkeypatch.setenv("NSA_FUSION_DISABLE", "1")
    got, want, stats = _snapshot_run("inductor")
    assert not stats.get("fused")
    assert torch.equal(got[0], want[0]) and not torch.equal(got[1], want[1])


def _run_op(args):
    from corpora.attacks import L, STRIDE

    from nsa_fusion.ops import compress_infer_op

    compress_infer_op(*args, L, STRIDE, args[0].shape[1])


def _equal_with_nan(a, b):
    return torch.equal(a.isnan(), b.isnan()) and torch.equal(a.nan_to_num(), b.nan_to_num())


def _sharing_inputs(how):
    """(inputs, clone): the contract's inputs with the cache sharing memory with another argument -- a view of the
    paged KV (red team 62 A1), the KV's bytes through a second storage (``from_dlpack``, ``from_numpy``: 63 A2), or
    the weight stored inside the cache's rows (63 W1) -- and a clone keeping that sharing."""
    if how == "weight_in_cache":
        from corpora.redteam63 import _w1_clone, _w1_inputs

        return _w1_inputs(aliased=True), _w1_clone
    if how == "view":
        from corpora.redteam62 import _a1_clone, _a1_inputs

        return _a1_inputs(aliased=True), _a1_clone
    from corpora.redteam63 import _a2_inputs, _a2_realize

    return _a2_inputs(how), _a2_realize


@pytest.mark.parametrize("how", ["view", "dlpack", "numpy", "weight_in_cache"])
@pytest.mark.parametrize("kernel", ["native", "pure_torch", "triton"])
def test_a_cache_sharing_memory_with_an_input_is_written_after_every_window_is_read(kernel, how, monkeypatch):
    """Red teams 62 A1 and 63 A2 / W1: the cache shares memory with the paged KV (a view of it, or its bytes through
    another storage), or the weight lies inside the cache.  Eager reads every window and the weight before it writes;
    the native and Triton kernels wrote rows while other rows still read.  Every kernel now computes all rows before
    it writes a cache whose bytes meet another argument's: the op's result is eager's (the contract's reference)."""
    from nsa_fusion.lowering import force_triton_lowering
    from nsa_fusion.lowering.portable import pure_torch_cpu

    inputs, clone = _sharing_inputs(how)
    want, got = clone(inputs), clone(inputs)
    contract(*want)
    if kernel == "triton":
        pytest.importorskip("triton")
        monkeypatch.setenv("TRITON_INTERPRET", "1")
        previous = force_triton_lowering(True)
        try:
            _run_op(got)
        finally:
            force_triton_lowering(previous)
    elif kernel == "pure_torch":
        with pure_torch_cpu():
            _run_op(got)
    else:
        _run_op(got)
    assert _equal_with_nan(got[0], want[0]) and _equal_with_nan(got[5], want[5])


@pytest.mark.parametrize("dynamic", [False, True])
def test_a_compiled_step_called_later_with_a_cache_viewing_the_paged_kv_gives_eagers_rows(dynamic):
    """Red teams 62 A1 / 63 A2, as found: compiled and fused with a cache of its own, then called at the same sizes
    (no recompile: dynamo does not guard on memory overlap) with the cache the paged KV's bytes through a second
    storage (``from_dlpack``)."""
    torch._dynamo.reset()
    with no_compile_caches():
        fn = torch.compile(contract, backend=nsa_fusion_backend, fullgraph=True, dynamic=dynamic)
        for aliased in (False, True):
            inputs, clone = _sharing_inputs("dlpack" if aliased else "own")
            want, got = clone(inputs), clone(inputs)
            contract(*want)
            nsa_fusion.diagnostics.reset()
            fn(*got)
            assert _equal_with_nan(got[0], want[0]) and _equal_with_nan(got[5], want[5]), aliased
