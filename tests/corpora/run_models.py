"""Run the whole-model blind corpus (``models1``) through the fusion pass and report what fused (issue 19).

A model corpus exposes ``MODEL_CASES`` of ``ModelCase(name, build, make_inputs, expect, compressions,
golden, dtype, note, caches, batch_positions)`` (see ``models1``'s docstring). For every case, graph
dialect (``inductor``: ``nsa_fusion``'s Inductor backend with codegen; ``torchair``: real torchair on CPU
with ``run_eagerly``) and shape mode (``static``; ``batch``: ``torch._dynamo.mark_dynamic`` on dim 0 of
the batch-sized inputs; ``all``: ``dynamic=True``) it compiles the model as a user does
(``torch.compile(model, backend=...)``, no ``fullgraph``, no compile caches), runs one forward on cloned
inputs and records:

* ``fused``: fused calls in the run (``nsa_fusion.stats["fused"]``, reset per run) against the case's
  ``compressions``; ``all_fused``: fused == compressions;
* ``exact`` (``expect == "fuse"``): every compressed cache bit-exact (NaN-aware) to the case's loop golden,
  which reads the window tokens from the same run's paged caches (the compiled appends);
* ``eager_equal``: the output and every argument (the caches) equal to the eager run's within fp
  tolerance (near misses: the compiled graph still computes what the model wrote);
* the pass's rejection reasons, the number of graphs dynamo made, and any error;
* ``applicable``: False when the same mode also fails with ``NSA_FUSION_DISABLE=1`` (or, where GE cannot
  convert the unfused graph's writes, with the pass lowering them for GE but fusing nothing, then with dynamo's
  ``eager`` backend): the mode says nothing about the pass.

    python tests/corpora/run_models.py [--corpus models1] [--dialects inductor,torchair]
        [--dynamic static,batch,all] [--only a,b] [--json out.json]
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import json
import os
import signal
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # tests/
sys.path.insert(0, HERE)
import fusion_harness  # noqa: E402,F401  (small steps fuse in the corpora: NSA_FUSION_FUSE_SMALL)

B = 8
RUN_TIMEOUT_S = 900


@dataclasses.dataclass
class Outcome:
    case: str
    expect: str
    dtype: str
    dialect: str
    dynamic: str
    compressions: int
    fused: int = 0
    exact: bool = False
    eager_equal: bool = False
    graphs: int = 0
    ge_scatter: bool = False
    error: str = ""
    reasons: list = dataclasses.field(default_factory=list)
    applicable: bool = True
    seconds: float = 0.0

    @property
    def all_fused(self) -> bool:
        return self.fused == self.compressions

    @property
    def ok(self) -> bool:
        if self.expect == "fuse":
            return not self.error and self.all_fused and self.exact
        if self.error:  # GE cannot convert an unfused write: expected for a near miss under torchair
            return self.fused == 0 and "ge_converter" in self.error
        return self.fused == 0 and self.eager_equal


class _Timeout(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds):
    def fire(*_):
        raise _Timeout(f"run exceeded {seconds}s")

    old = signal.signal(signal.SIGALRM, fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def nan_equal(a, b) -> bool:
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    na, nb = torch.isnan(a), torch.isnan(b)
    return torch.equal(na, nb) and torch.equal(a.masked_fill(na, 0), b.masked_fill(nb, 0))


def close(a, b) -> bool:
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if not a.is_floating_point():
        return torch.equal(a, b)
    na, nb = torch.isnan(a), torch.isnan(b)
    if not torch.equal(na, nb):
        return False
    tol = 1e-4 if a.dtype == torch.float32 else 3e-2
    return bool(torch.isclose(a.masked_fill(na, 0).float(), b.masked_fill(nb, 0).float(), rtol=tol, atol=tol).all())


def _flat(out):
    return list(out) if isinstance(out, (tuple, list)) else [out]


def no_caches():
    stack = contextlib.ExitStack()
    stack.enter_context(torch._inductor.config.patch(fx_graph_cache=False, fx_graph_remote_cache=False))
    stack.enter_context(torch._functorch.config.patch(enable_autograd_cache=False))
    return stack


def _backend(dialect, torchair):
    import nsa_fusion
    from nsa_fusion.backend import nsa_fusion_backend

    if dialect == "eager":
        return "eager"
    if dialect == "inductor":
        return nsa_fusion_backend
    cfg = torchair.CompilerConfig()
    cfg.debug.run_eagerly = True
    return nsa_fusion.get_npu_backend(compiler_config=cfg)


def _compile_run(model, args, case, dialect, dynamic, torchair):
    if dynamic == "batch":
        for i in case.batch_positions:
            torch._dynamo.mark_dynamic(args[i], 0)
    torch._dynamo.reset()
    with no_caches(), torch.no_grad(), _deadline(RUN_TIMEOUT_S):
        compiled = torch.compile(model, backend=_backend(dialect, torchair),
                                 dynamic={"static": False, "batch": None, "all": True}[dynamic])
        return compiled(*args)


def _root(exc):
    while getattr(exc, "inner_exception", None) is not None or exc.__cause__ is not None:
        exc = getattr(exc, "inner_exception", None) or exc.__cause__
    return f"{type(exc).__name__}: {(str(exc).strip().splitlines() or [''])[0][:200]}"


def _compiles_without_pass(model, fresh, case, dialect, dynamic, torchair) -> bool:
    saved = os.environ.get("NSA_FUSION_DISABLE")
    os.environ["NSA_FUSION_DISABLE"] = "1"
    try:
        _compile_run(model, fresh(), case, dialect, dynamic, torchair)
        return True
    except Exception as exc:  # noqa: BLE001
        if "ge_converter" not in _root(exc) and "ge_converter" not in str(exc):
            return False
    finally:
        if saved is None:
            del os.environ["NSA_FUSION_DISABLE"]
        else:
            os.environ["NSA_FUSION_DISABLE"] = saved
    if dialect == "torchair":
        # GE has no converter for index_put / index_copy, so plain torchair stops at the first KV append.  With the
        # pass's GE write lowering but no recognition, the graph runs as far as GE can take the model's own code:
        # where that fails for another reason (a SymInt op of the user's code, e.g. torch.sym_min from
        # min(2, cache.shape[1]) under dynamic=True, which GE has no converter for), the mode is n/a for the pass
        try:
            _compile_run_unrecognized(model, fresh(), case, dynamic, torchair)
            return True
        except Exception as exc:  # noqa: BLE001
            if "ge_converter is not implemented" not in _root(exc):  # (str(exc) names ge_converter's files)
                return False
    # GE cannot convert the unfused graph: does dynamo accept the mode at all?
    return _compiles_without_pass(model, fresh, case, "eager", dynamic, None)


def _compile_run_unrecognized(model, args, case, dynamic, torchair):
    """torchair with nsa_fusion's pass recognising nothing (every write ignored, then lowered for GE)."""
    from unittest import mock

    from nsa_fusion.patterns import verify
    from nsa_fusion.patterns.proof import NotACandidate

    def ignore(self, write):
        raise NotACandidate("recognition off (run_models applicability check)", write)

    with mock.patch.object(verify.Recognizer, "recognize", ignore):
        return _compile_run(model, args, case, "torchair", dynamic, torchair)


def run_case(case, dialect, dynamic, torchair=None, seed=0) -> Outcome:
    from torch._dynamo.utils import counters

    from nsa_fusion import diagnostics

    t0 = time.perf_counter()
    out = Outcome(case.name, case.expect, str(case.dtype).split(".")[-1], dialect, dynamic, case.compressions)
    model = case.build(case.dtype).eval()
    inputs = case.make_inputs(model, B, seed)

    def fresh():
        return tuple(a.clone() for a in inputs)

    eager_args = fresh()
    with torch.no_grad():
        eager_out = model(*eager_args)
    args = fresh()
    diagnostics.reset()
    counters.clear()
    try:
        result = _compile_run(model, args, case, dialect, dynamic, torchair)
    except Exception as exc:  # noqa: BLE001
        out.error = _root(exc)
        out.fused = diagnostics.stats.get("fused", 0)
        out.reasons = [f"{e.pattern}: {e.reason} @ {e.node}" for e in diagnostics.events if e.kind == "rejected"]
        out.graphs = counters["stats"]["unique_graphs"]
        if "ge_converter" not in out.error:
            try:
                out.applicable = _compiles_without_pass(model, fresh, case, dialect, dynamic, torchair)
            except Exception:  # noqa: BLE001
                out.applicable = False
        out.seconds = time.perf_counter() - t0
        return out
    out.fused = diagnostics.stats.get("fused", 0)
    out.ge_scatter = bool(diagnostics.stats.get("target.ge_scatter"))
    out.reasons = [f"{e.pattern}: {e.reason} @ {e.node}" for e in diagnostics.events if e.kind == "rejected"]
    out.graphs = counters["stats"]["unique_graphs"]
    got = case.caches(model, args, result)
    if case.expect == "fuse":
        want = case.golden(model, inputs, after=(args, result))
        out.exact = set(got) == set(want) and all(nan_equal(got[k], want[k]) for k in want)
    eager_caches = case.caches(model, eager_args, eager_out)
    out.eager_equal = (all(close(a, b) for a, b in zip(_flat(result), _flat(eager_out)))
                       and all(close(a, b) for a, b in zip(args, eager_args))
                       and all(close(got[k], eager_caches[k]) for k in eager_caches))
    out.seconds = time.perf_counter() - t0
    return out


def run(corpus_name, dialects, dynamics, only=None, log=print):
    corpus = importlib.import_module(corpus_name)
    torchair = None
    if "torchair" in dialects:
        from nsa_fusion.testing.torchair_cpu import load_torchair

        torchair = load_torchair()
    outcomes = []
    for case in corpus.MODEL_CASES:
        if only and case.name not in only:
            continue
        for dialect in dialects:
            for dynamic in dynamics:
                o = run_case(case, dialect, dynamic, torchair)
                outcomes.append(o)
                status = "n/a " if not o.applicable else "ok  " if o.ok else "MISS"
                log(f"{status} {o.case:30s} {o.expect:7s} {o.dtype:8s} {o.dialect:8s} {o.dynamic:6s} "
                    f"fused={o.fused}/{o.compressions} exact={o.exact} eager_equal={o.eager_equal} "
                    f"graphs={o.graphs} {o.seconds:5.1f}s {o.error} "
                    f"{' | '.join(dict.fromkeys(o.reasons)) if not o.ok else ''}", flush=True)
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
            lines.append(f"{dialect:8s} {dynamic:6s}: positives all fused+exact {sum(o.ok for o in pos)}/{len(pos)}, "
                         f"all fused {sum(o.all_fused for o in pos)}/{len(pos)}, near misses unfused+correct "
                         f"{sum(o.ok for o in neg)}/{len(neg)}, false fusions {sum(o.fused > 0 for o in neg)}")
    pos = [o for o in outcomes if o.expect == "fuse" and o.applicable]
    neg = [o for o in outcomes if o.expect == "no_fuse" and o.applicable]
    fused_runs = [o for o in pos if o.fused]
    lines.append(f"TOTAL: positive runs with every compression fused {sum(o.all_fused for o in pos)}/{len(pos)} "
                 f"({100 * sum(o.all_fused for o in pos) / max(1, len(pos)):.0f}%), fused+exact "
                 f"{sum(o.ok for o in pos)}/{len(pos)}; runs with any fusion bit-exact "
                 f"{sum(o.exact for o in fused_runs)}/{len(fused_runs)}; near-miss runs fused "
                 f"{sum(o.fused > 0 for o in neg)}/{len(neg)}; not applicable "
                 f"{sum(not o.applicable for o in outcomes)}")
    return "\n".join(lines)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", default="models1")
    p.add_argument("--dialects", default="inductor,torchair")
    p.add_argument("--dynamic", default="static,batch,all")
    p.add_argument("--only", default="")
    p.add_argument("--json", default="")
    a = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    res = run(a.corpus, a.dialects.split(","), a.dynamic.split(","), [x for x in a.only.split(",") if x])
    print(summary(res))
    if a.json:
        with open(a.json, "w") as f:
            json.dump([dict(dataclasses.asdict(o), ok=o.ok, all_fused=o.all_fused) for o in res], f, indent=1)
