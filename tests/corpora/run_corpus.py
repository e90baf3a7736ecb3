"""Run a blind corpus through the fusion pass and report what fused (the issue-11 evidence).

A corpus module (written by someone who never saw the recogniser) exposes ``CASES`` (and optionally
``APPEND_CASES``) of ``Case(name, factory, expect, weight_layout, functional, dtypes, note, configs)``;
``factory(l, d, P, weight) -> nn.Module``; ``module(kv, slots, block_table, lengths, cache)`` (append
cases take ``new_token`` after ``kv``).  Its inputs module provides ``make_inputs(B, N, D, l, d, P,
pages_per_seq, dtype, seed, qualifying=None, min_len=0)``.

For each case, dtype, graph dialect and dynamic mode it compiles the module, runs it once and checks:

* ``expect == "fuse"``: one fused call per compression step, and the compiled cache bit-exact to the
  independent golden (``tests/golden.py``) on every row, NaN/inf rows included;
* ``expect == "no_fuse"``: nothing fused, and the compiled cache equal to the eager one (the graph still
  computes what the model wrote).

    python tests/corpora/run_corpus.py blind1 [--dialects inductor,torchair] [--dynamic static,batch,all]
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib
import math
import os
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # tests/ (golden)
sys.path.insert(0, HERE)

CONFIGS = [(32, 16, 64), (64, 32, 128), (16, 16, 64), (48, 16, 64)]


@dataclasses.dataclass
class Outcome:
    case: str
    expect: str
    dtype: str
    dialect: str
    dynamic: str
    fused: int = 0
    correct: bool = False
    error: str = ""
    reasons: list = dataclasses.field(default_factory=list)
    applicable: bool = True  # False: the mode fails without the pass too (e.g. mark_dynamic on a model
    # that specializes its batch), so it says nothing about the pass

    @property
    def ok(self) -> bool:
        if self.error:
            # torchair has no GE converter for index_put/index_copy: an unfused near miss
            # cannot compile there at all, which is the expected outcome, not a false fusion
            return self.expect == "no_fuse" and self.fused == 0 and "ge_converter is not implemented" in self.error
        return self.correct and ((self.fused >= 1) if self.expect == "fuse" else self.fused == 0)


def load(name: str):
    corpus = importlib.import_module(name)
    inputs = importlib.import_module(f"{name}_inputs")
    return corpus, inputs


def config_for(case):
    for cfg in CONFIGS:
        if case.configs is None or case.configs(*cfg):
            return cfg
    raise ValueError(f"no configuration for {case.name}")


def _nan_equal(a: torch.Tensor, b: torch.Tensor) -> bool:
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    na, nb = torch.isnan(a), torch.isnan(b)
    return torch.equal(na, nb) and torch.equal(a.masked_fill(na, 0), b.masked_fill(nb, 0))


def _close(a, b, dtype) -> bool:
    na, nb = torch.isnan(a), torch.isnan(b)
    if not torch.equal(na, nb):
        return False
    tol = 1e-5 if dtype == torch.float32 else 2e-2
    a, b = a.masked_fill(na, 0).float(), b.masked_fill(nb, 0).float()
    return bool(torch.isclose(a, b, rtol=tol, atol=tol).all())


def golden(inputs_mod, case, x, l, d, P, dtype):
    from golden import golden_compress_infer

    weight = x["weight"] if case.weight_layout != "none" else torch.full_like(x["weight"], 1.0 / l)
    kv = x["kv_pages"]
    if "new_token" in x:
        kv = kv.clone()
        for b in range(x["slot_mapping"].shape[0]):
            p = int(x["seq_lens"][b]) - 1
            kv[int(x["block_table"][b, p // P]), p % P] = x["new_token"][b]
    return golden_compress_infer(kv, weight, x["slot_mapping"], l, d, P, block_table=x["block_table"],
                                 actual_seq_len=x["seq_lens"], cache=x["cache"])


def make_args(inputs_mod, case, dtype, dynamic, append, seed=0):
    l, d, P = config_for(case)
    B, N, D = (5, 3, 48) if dynamic == "all" else (8, 4, 32)
    pages = max(3, math.ceil(l / P) + 2)
    x = inputs_mod.make_inputs(B, N, D, l, d, P, pages, dtype, seed, **({"min_len": 1} if append else {}))
    if append:
        g = torch.Generator().manual_seed(seed + 1)
        x["new_token"] = torch.randn(B, N, D, generator=g).to(dtype)
    return x, (l, d, P)


def _backend(dialect, torchair):
    import nsa_fusion
    from nsa_fusion.backend import nsa_fusion_backend

    if dialect == "eager":  # dynamo's frontend only: does the model compile in this dynamic mode at all?
        return "eager"
    if dialect == "inductor":
        return nsa_fusion_backend
    if dialect == "inductor_graph":  # Inductor's pipeline through its post-grad passes, no codegen
        from fusion_harness import InductorGraphBackend

        from nsa_fusion import bound_inputs

        # behind checked_compile, as nsa_fusion_backend compiles: the graph's small integer buffers (window
        # offsets in a module buffer) are offered to the pass and checked before every call
        graph_backend = InductorGraphBackend()
        return lambda gm, example_inputs, **kw: bound_inputs.checked_compile(graph_backend, gm, example_inputs)
    cfg = torchair.CompilerConfig()
    cfg.debug.run_eagerly = True
    return nsa_fusion.get_npu_backend(compiler_config=cfg)


def no_caches():
    import contextlib

    stack = contextlib.ExitStack()
    stack.enter_context(torch._inductor.config.patch(fx_graph_cache=False, fx_graph_remote_cache=False))
    stack.enter_context(torch._functorch.config.patch(enable_autograd_cache=False))
    return stack


def _mark_batch_dynamic(names, args, dynamic) -> None:
    if dynamic == "batch":
        for k, t in zip(names, args):
            if k in ("slot_mapping", "block_table", "seq_lens", "new_token"):
                torch._dynamo.mark_dynamic(t, 0)


def _compiles_without_pass(module, fresh, names, dialect, torchair, dynamic) -> bool:
    args = fresh()
    _mark_batch_dynamic(names, args, dynamic)
    torch._dynamo.reset()
    os.environ["NSA_FUSION_DISABLE"] = "1"
    try:
        with no_caches(), torch.no_grad():
            torch.compile(module, backend=_backend(dialect, torchair), fullgraph=True,
                          dynamic=True if dynamic == "all" else None)(*args)
        return True
    except Exception as exc:
        # (only GE's missing converter for the unfused write says nothing about the mode itself; any other error,
        # a converter that fails on its own arguments included (blind11's nm_nan_to_num), fails the mode without the
        # pass: not applicable)
        if "ge_converter is not implemented" not in _root_error(exc):
            return False
    finally:
        del os.environ["NSA_FUSION_DISABLE"]
    # GE cannot convert the unfused graph, which hides whether dynamo accepts the mode itself (e.g.
    # mark_dynamic on a batch the model specializes fails after the backend): ask dynamo alone
    return _compiles_without_pass(module, fresh, names, "eager", None, dynamic)


def _root_error(exc: BaseException) -> str:
    """``Type: first line`` of the innermost cause of ``exc`` (dynamo and Inductor wrap the backend's error)."""
    root = exc
    while getattr(root, "inner_exception", None) is not None or root.__cause__ is not None:
        root = getattr(root, "inner_exception", None) or root.__cause__
    return f"{type(root).__name__}: {(str(root).strip().splitlines() or [''])[0][:200]}"


def run_case(inputs_mod, case, dtype, dialect, dynamic, *, append=False, torchair=None) -> Outcome:
    from nsa_fusion import diagnostics

    out = Outcome(case.name, case.expect, str(dtype).split(".")[-1], dialect, dynamic)
    try:
        x, (l, d, P) = make_args(inputs_mod, case, dtype, dynamic, append)
    except Exception as exc:  # the corpus's own input generator refused the configuration
        out.error = f"inputs: {exc}"
        return out
    module = case.factory(l, d, P, x["weight"])
    names = ["kv_pages"] + (["new_token"] if append else []) + ["slot_mapping", "block_table", "seq_lens", "cache"]

    def fresh():
        return [x[k].clone() for k in names]

    eager_args = fresh()
    with torch.no_grad():  # a decode step is inference (grad mode would make AOT keep activations)
        eager = module(*eager_args)
    eager_cache = eager if case.functional else eager_args[-1]
    args = fresh()
    _mark_batch_dynamic(names, args, dynamic)
    torch._dynamo.reset()
    diagnostics.reset()
    try:
        with no_caches(), torch.no_grad():  # a cached graph would skip the pass (and its report)
            compiled = torch.compile(module, backend=_backend(dialect, torchair), fullgraph=True,
                                     dynamic=True if dynamic == "all" else None)
            result = compiled(*args)
    except Exception as exc:
        out.error = _root_error(exc)
        out.fused = diagnostics.stats.get("fused", 0)
        out.reasons = [f"{e.pattern}: {e.reason} @ {e.node}" for e in diagnostics.events if e.kind == "rejected"]
        if "ge_converter" not in out.error:
            out.applicable = _compiles_without_pass(module, fresh, names, dialect, torchair, dynamic)
        return out
    cache = result if case.functional else args[-1]
    out.fused = diagnostics.stats.get("fused", 0)
    out.reasons = [f"{e.pattern}: {e.reason} @ {e.node}" for e in diagnostics.events if e.kind == "rejected"]
    if case.expect == "fuse" and out.fused:
        want = golden(inputs_mod, case, x, l, d, P, dtype)
        if diagnostics.stats.get("target.ge_scatter"):
            # torchair outside the Ascend kernel's limits (fp32 here): the GE-compilable scatter
            # write-back sums in its own order, so fp32 agrees to rounding, not bit for bit
            out.correct = _close(cache, want, dtype)
        else:
            out.correct = _nan_equal(cache, want)
        if case.functional:
            out.correct &= _nan_equal(args[-1], x["cache"])
    else:
        out.correct = _close(cache, eager_cache, dtype)
    return out


def run(corpus_name, dialects, dynamics, dtypes=None, only=None, log=print):
    corpus, inputs_mod = load(corpus_name)
    torchair = None
    if "torchair" in dialects:
        from nsa_fusion.testing.torchair_cpu import load_torchair

        torchair = load_torchair()
    cases = [(c, False) for c in corpus.CASES] + [(c, True) for c in getattr(corpus, "APPEND_CASES", [])]
    outcomes = []
    for case, append in cases:
        if only and case.name not in only:
            continue
        for dtype in case.dtypes:
            if dtypes and str(dtype).split(".")[-1] not in dtypes:
                continue
            for dialect in dialects:
                for dynamic in dynamics:
                    t = time.perf_counter()
                    o = run_case(inputs_mod, case, dtype, dialect, dynamic, append=append, torchair=torchair)
                    outcomes.append(o)
                    status = "n/a " if not o.applicable else "ok  " if o.ok else "MISS"
                    log(f"{status} {o.case:40s} {o.expect:7s} {o.dtype:9s} {o.dialect:8s} {o.dynamic:6s} "
                        f"fused={o.fused} correct={o.correct} {time.perf_counter() - t:5.1f}s "
                        f"{o.error} {' | '.join(o.reasons) if not o.ok else ''}")
    return outcomes


def summary(outcomes) -> str:
    lines = []
    for dialect in sorted({o.dialect for o in outcomes}):
        for dynamic in ("static", "batch", "all"):
            sel = [o for o in outcomes if o.dialect == dialect and o.dynamic == dynamic and o.applicable]
            if not sel:
                continue
            pos = [o for o in sel if o.expect == "fuse"]
            neg = [o for o in sel if o.expect == "no_fuse"]
            lines.append(f"{dialect:8s} {dynamic:6s}: positives fused+exact {sum(o.ok for o in pos)}/{len(pos)} "
                         f"({100 * sum(o.ok for o in pos) / max(1, len(pos)):.0f}%), near misses unfused+correct "
                         f"{sum(o.ok for o in neg)}/{len(neg)}, false fusions {sum(o.fused > 0 for o in neg)}")
    return "\n".join(lines)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus")
    p.add_argument("--dialects", default="inductor,torchair")
    p.add_argument("--dynamic", default="static,batch,all")
    p.add_argument("--dtypes", default="")
    p.add_argument("--only", default="")
    a = p.parse_args()
    torch.set_num_threads(2)
    res = run(a.corpus, a.dialects.split(","), a.dynamic.split(","), [x for x in a.dtypes.split(",") if x],
              [x for x in a.only.split(",") if x])
    print(summary(res))
