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
  and the pass drops no copy of an input the graph writes (``rewrite.remove_noops_keeping_snapshots``).

Each case runs through the red-team runner (``corpora/redteam5.py``): compiled with the pass against eager,
and where they differ against the pass-off control.
"""
from __future__ import annotations

import pytest
import torch

from corpora import redteam5
from corpora.attacks import build, contract
from corpora.redteam2 import _mk


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


OWN = {"early_read_used_late": _mk(early_read_used_late, lambda: [build()]),
       "functional_step": _mk(functional_step, lambda: [build()])}
RED_TEAM = dict((name, factory) for name, factory, _ in redteam5.ATTACKS)
CASES = ["early_read_used_late", "functional_step",
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
    if name in OWN:  # (the red team's cases may be refused; these two are the contract and must fuse)
        assert all(r[1] == "FUSED & EQUAL" for r in results), results


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
