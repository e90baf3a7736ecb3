"""``python -m nsa_fusion bench``: the fused op and whole compiled decode steps, as ratios in one run.

Sections (SPEC §7; every number is a median over repeats after warm-up, in one process):

* ``op``: the fused op (value checks off, as a compiled graph runs it) vs the default eager call
  (``checked``: value checks on) vs the eager plain-torch composite, vs that composite compiled by
  plain Inductor (no pass), vs the floor (copying exactly the touched bytes: l*N*D in and N*D out per
  qualifying batch, indices precomputed).
* ``step``: a compiled decode step per formulation: nsa_fusion backend vs plain Inductor vs eager.
* ``cache``: the fused step with 16x more cache slots (must stay flat).
* ``compile``: first-compile time (fresh process, empty Inductor cache) with and without the pass, and
  the share of it spent in the pass.

``--quick`` runs one size per section (CI smoke); ``--json`` prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import torch

DTYPES = {"fp16": torch.float16, "bf16": torch.bfloat16}


def median_us(fn, repeats: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1e6 * statistics.median(times)


def _inputs(B, N, D, l, d, P, dtype, frac, num_slots=None, seed=0):
    """Valid inputs with about ``frac`` of the batches completing a window this step."""
    from .testing.formulations import make_inputs

    inp = make_inputs(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype, qualifying="all", pages_per_seq=max(2, 256 // P + 1),
                      num_slots=num_slots or 2 * B + 5, seed=seed)
    every = max(1, round(1 / frac))
    keep = torch.arange(B) % every == 0
    inp["lengths"] = torch.where(keep, inp["lengths"], (inp["lengths"] - 1).clamp(min=0))
    return inp


def _floor_fn(inp):
    """Copy exactly the bytes the op must touch (precomputed flat indices, preallocated buffers)."""
    l, d, P = inp["l"], inp["d"], inp["P"]
    x, cache, lens = inp["input"], inp["cache"], inp["lengths"]
    q = ((lens >= l) & ((lens - l) % d == 0)).nonzero().flatten()
    pos = lens[q, None] - l + torch.arange(l)
    pages = inp["block_table"].long()[q].gather(1, pos // P)
    rows = (pages * P + pos % P).flatten()
    flat = x.reshape(-1, x.shape[2] * x.shape[3])
    window = torch.empty(rows.numel(), flat.shape[1], dtype=x.dtype)
    slots = inp["slots"].long()[q]
    out_rows = torch.empty(q.numel(), x.shape[2], x.shape[3], dtype=x.dtype)

    def floor():
        torch.index_select(flat, 0, rows, out=window)
        cache.index_copy_(0, slots, out_rows)

    return floor


def bench_op(B, N, D, l, d, P, dtype_name, frac, repeats):
    import nsa_fusion

    dtype = DTYPES[dtype_name]
    inp = _inputs(B, N, D, l, d, P, dtype, frac)
    args = (inp["input"], inp["op_weight"], inp["slots"], l, d, P)
    kw = dict(block_table=inp["block_table"], actual_seq_len=inp["lengths"])
    cache = inp["cache"].clone()

    def ref(c):
        return nsa_fusion.reference.compress_infer(*args, **kw, cache=c)

    torch._dynamo.reset()  # one fresh compile per size (else dynamo's recompile limit ends in eager)
    compiled_ref = torch.compile(ref, dynamic=False)
    compiled_ref(cache)  # compile outside the timed region
    previous = nsa_fusion.set_value_checks(True)  # the default eager path: value checks, then the op
    try:
        checked = median_us(lambda: nsa_fusion.compress_infer(*args, **kw, cache=cache), repeats)
        nsa_fusion.set_value_checks(False)  # what a compiled graph runs: the op alone
        fused = median_us(lambda: nsa_fusion.compress_infer(*args, **kw, cache=cache), repeats)
    finally:
        nsa_fusion.set_value_checks(previous)
    eager = median_us(lambda: ref(cache), max(5, repeats // 4))
    inductor = median_us(lambda: compiled_ref(cache), repeats)
    floor = median_us(_floor_fn(dict(inp, cache=cache)), repeats)
    qualifying = int(((inp["lengths"] >= l) & ((inp["lengths"] - l) % d == 0)).sum())
    return dict(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype_name, qualifying=qualifying, fused_us=fused,
                checked_us=checked, eager_us=eager, inductor_us=inductor, floor_us=floor, eager_x=eager / fused,
                inductor_x=inductor / fused, fused_over_floor=fused / floor)


def _step_models(names):
    from .testing.formulations import FORMULATIONS, CompressStep

    chosen = [f for f in FORMULATIONS if names is None or f.name in names]
    return [(f, CompressStep(f, 32, 16)) for f in chosen]


def bench_step(formulation, model, repeats, num_slots=None, backends=("fused", "inductor", "eager")):
    from .backend import nsa_fusion_backend

    inp = _inputs(256, 4, 192, 32, 16, 128, torch.float16, 1 / 16, num_slots=num_slots)
    if formulation.weight_layout == "Nl":
        inp["weight"] = inp["op_weight"].t().contiguous()
    args = [inp[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    cache = inp["cache"].clone()
    row = dict(formulation=formulation.name, num_slots=cache.shape[0])
    for name in backends:
        torch._dynamo.reset()
        if name == "eager":
            fn = model
        else:
            fn = torch.compile(model, backend=nsa_fusion_backend if name == "fused" else "inductor")
        with torch._inductor.config.patch(fx_graph_cache=False):
            t0 = time.perf_counter()
            fn(*args, cache)
            row[f"{name}_first_call_s"] = time.perf_counter() - t0
        row[f"{name}_ms"] = median_us(lambda: fn(*args, cache), repeats if name != "eager" else max(5, repeats // 4)) / 1e3
    if "eager" in backends:
        row["eager_x"] = row["eager_ms"] / row["fused_ms"]
    if "inductor" in backends:
        row["inductor_x"] = row["inductor_ms"] / row["fused_ms"]
    return row


def bench_compile(formulation, model, repeats=1):
    """First-compile time with the pass vs with it disabled (``NSA_FUSION_DISABLE=1``), and the time
    spent inside the pass.  Each compile runs in a fresh process with an empty Inductor cache
    directory, because that is the only compile in which the pass runs for a user: afterwards
    Inductor's FX graph cache serves the compiled graph (its key includes the pass's uuid) and the
    pass does not run at all.  A second compile in the same process would hit the in-memory and
    on-disk kernel caches and measure mostly Python overhead.  Best of ``repeats``."""
    import os
    import subprocess
    import tempfile

    best = {}
    for _ in range(repeats):
        for mode in ("on", "off"):
            with tempfile.TemporaryDirectory(prefix="nsa_fusion_bench_") as cache_dir:
                env = dict(os.environ, NSA_FUSION_DISABLE="1" if mode == "off" else "0",
                           TORCHINDUCTOR_CACHE_DIR=cache_dir)
                proc = subprocess.run([sys.executable, "-c", "import sys; from nsa_fusion.bench import compile_once; "
                                       f"compile_once({formulation.name!r}, {torch.get_num_threads()})"],
                                      env=env, capture_output=True, text=True, timeout=600)
            if proc.returncode != 0:
                raise RuntimeError(f"compile child failed: {proc.stderr.strip()[-800:]}")
            out = json.loads(proc.stdout.strip().splitlines()[-1])
            best[mode] = min(best.get(mode, 1e9), out["compile_s"])
            if mode == "on":
                best["pass_s"] = min(best.get("pass_s", 1e9), out["pass_s"])
    return dict(formulation=formulation.name, with_pass_s=best["on"], without_pass_s=best["off"],
                pass_s=best["pass_s"], pass_share=best["pass_s"] / best["on"], ratio=best["on"] / best["off"])


def compile_once(name: str, threads: int) -> None:
    """Child of :func:`bench_compile`: compile the step once, print ``{"compile_s", "pass_s"}``."""
    from .backend import _inductor_pass, nsa_fusion_backend

    torch.set_num_threads(threads)
    formulation, model = _step_models((name,))[0]
    inp = _inputs(256, 4, 192, 32, 16, 128, torch.float16, 1 / 16)
    if formulation.weight_layout == "Nl":
        inp["weight"] = inp["op_weight"].t().contiguous()
    args = [inp[k] for k in ("input", "weight", "slots", "block_table", "lengths")] + [inp["cache"].clone()]
    t0 = time.perf_counter()
    torch.compile(model, backend=nsa_fusion_backend)(*args)
    print(json.dumps(dict(compile_s=time.perf_counter() - t0, pass_s=_inductor_pass.seconds)))


def bench_vllm(reps: int) -> dict:
    """One decode step (B=256, N=4, D=192, fp16; mulsum spelling) through vLLM's own compilation backend
    with and without ``nsa_fusion.vllm_pass()``, against nsa_fusion's backend, in this run.  Empty
    where vLLM is not installed."""
    try:
        import vllm  # noqa: F401
    except ImportError:
        return {}
    import os

    os.environ.setdefault("VLLM_DISABLE_COMPILE_CACHE", "1")
    from vllm.compilation.decorators import support_torch_compile
    from vllm.config import CompilationConfig, CompilationMode, VllmConfig, set_current_vllm_config
    from vllm.forward_context import set_forward_context

    from .backend import nsa_fusion_backend
    from .testing.formulations import BY_NAME, CompressStep, make_inputs
    from .vllm import vllm_pass

    x = make_inputs(B=256, N=4, D=192, l=32, d=16, P=128, pages_per_seq=4, dtype=torch.float16, qualifying="some")
    step = CompressStep(BY_NAME["mulsum_index_put"], 32, 16)
    weight = x["weight"]

    @support_torch_compile(dynamic_arg_dims={"slots": 0, "block_table": 0, "lengths": 0})
    class Model(torch.nn.Module):
        def __init__(self, *, vllm_config, prefix="", **kwargs):
            super().__init__()
            self.weight = torch.nn.Parameter(weight, requires_grad=False)

        def forward(self, kv, slots, block_table, lengths, cache):
            return step(kv, self.weight, slots, block_table, lengths, cache)

    def vllm_ms(with_pass):
        extra = {"inductor_compile_config": {"post_grad_custom_post_pass": vllm_pass()}} if with_pass else {}
        config = VllmConfig(compilation_config=CompilationConfig(mode=CompilationMode.VLLM_COMPILE,
                                                                 backend="inductor", **extra))
        with set_current_vllm_config(config):
            model = Model(vllm_config=config)
        cache = x["cache"].clone()
        with set_forward_context(None, vllm_config=config), torch.inference_mode():
            return median_us(lambda: model(x["input"], x["slots"], x["block_table"], x["lengths"], cache), reps) / 1e3

    def own_ms():
        torch._dynamo.reset()
        compiled = torch.compile(step, backend=nsa_fusion_backend)
        cache = x["cache"].clone()
        with torch.inference_mode():
            return median_us(lambda: compiled(x["input"], weight, x["slots"], x["block_table"], x["lengths"],
                                              cache), reps) / 1e3

    unfused, fused, own = vllm_ms(False), vllm_ms(True), own_ms()
    return dict(vllm_unfused_ms=unfused, vllm_fused_ms=fused, own_backend_ms=own, vllm_over_own=fused / own)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m nsa_fusion bench", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="one size per section (< 1 min)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    p.add_argument("--threads", type=int, default=2, help="torch CPU threads (default: 2, the CI machine's cores)")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    from .lowering import native_kernel

    loaded, where = native_kernel.available()
    meta = dict(threads=torch.get_num_threads(), torch=torch.__version__, native_kernel=loaded, quick=args.quick)
    reps = 20 if args.quick else 100
    if args.quick:
        op_sizes = [(256, 4, 192, 32, 16, 128, "fp16", 1 / 16), (256, 4, 192, 32, 16, 128, "fp16", 1.0)]
    else:
        op_sizes = [(B, N, D, 32, 16, 128, "fp16", frac) for B in (1, 16, 256, 1024)
                    for N, D in ((1, 192), (4, 192), (16, 128), (32, 256)) for frac in (1 / 16, 1.0)]
        op_sizes += [(256, 4, 192, 64, 32, 128, "fp16", 1 / 16), (256, 4, 192, 32, 16, 64, "fp16", 1 / 16),
                     (256, 4, 192, 32, 16, 128, "bf16", 1 / 16), (256, 4, 192, 64, 32, 64, "bf16", 1.0)]
    ops = [bench_op(*size, repeats=reps) for size in op_sizes]
    names = ("mulsum_index_put", "einsum_index_copy") if args.quick else None
    steps = [bench_step(f, m, reps) for f, m in _step_models(names)]
    f0, m0 = _step_models(("mulsum_index_put",))[0]
    small = bench_step(f0, m0, reps, backends=("fused",))
    big = bench_step(f0, m0, reps, num_slots=16 * small["num_slots"], backends=("fused",))
    cache = dict(slots_x1=small["num_slots"], slots_x16=big["num_slots"], ms_x1=small["fused_ms"],
                 ms_x16=big["fused_ms"], slowdown=big["fused_ms"] / small["fused_ms"] - 1)
    # a first compile per fresh process costs seconds (C++ kernels): --quick times one formulation
    compiles = [bench_compile(f, m) for f, m in _step_models(names[:1] if names else None)]
    result = dict(meta=meta, op=ops, step=steps, cache=cache, compile=compiles, vllm=bench_vllm(reps))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print(result)
    return 0


def _table(rows, cols):
    widths = [max(len(h), *(len(fmt(r)) for r in rows)) for h, fmt in cols]
    print("  ".join(h.rjust(w) for (h, _), w in zip(cols, widths)))
    for r in rows:
        print("  ".join(fmt(r).rjust(w) for (_, fmt), w in zip(cols, widths)))


def _print(r):
    m = r["meta"]
    print(f"nsa_fusion bench: torch {m['torch']}, {m['threads']} threads, native kernel {'on' if m['native_kernel'] else 'OFF'}")
    print("\n[op] fused op (checked: the default eager call, value checks on) vs eager composite, "
          "plain-Inductor composite and the floor (µs, median)")
    _table(r["op"], [("B", lambda x: str(x["B"])), ("N", lambda x: str(x["N"])), ("D", lambda x: str(x["D"])),
                     ("l/d", lambda x: f"{x['l']}/{x['d']}"), ("P", lambda x: str(x["P"])), ("dtype", lambda x: x["dtype"]),
                     ("qual", lambda x: str(x["qualifying"])), ("fused", lambda x: f"{x['fused_us']:.0f}"),
                     ("checked", lambda x: f"{x['checked_us']:.0f}"),
                     ("eager", lambda x: f"{x['eager_us']:.0f}"), ("inductor", lambda x: f"{x['inductor_us']:.0f}"),
                     ("floor", lambda x: f"{x['floor_us']:.0f}"), ("eager/fused", lambda x: f"{x['eager_x']:.1f}x"),
                     ("ind/fused", lambda x: f"{x['inductor_x']:.1f}x"),
                     ("fused/floor", lambda x: f"{x['fused_over_floor']:.1f}x")])
    print("\n[step] compiled decode step, B=256 N=4 D=192 l=32 d=16 P=128 fp16, 16/256 qualifying (ms, median)")
    _table(r["step"], [("formulation", lambda x: x["formulation"]), ("fused", lambda x: f"{x['fused_ms']:.3f}"),
                       ("inductor", lambda x: f"{x['inductor_ms']:.3f}"), ("eager", lambda x: f"{x['eager_ms']:.3f}"),
                       ("eager/fused", lambda x: f"{x['eager_x']:.1f}x"), ("ind/fused", lambda x: f"{x['inductor_x']:.1f}x")])
    c = r["cache"]
    print(f"\n[cache] fused step with {c['slots_x1']} vs {c['slots_x16']} cache slots: {c['ms_x1']:.3f} ms vs "
          f"{c['ms_x16']:.3f} ms ({100 * c['slowdown']:+.0f}%)")
    v = r.get("vllm") or {}
    if v:
        print(f"\n[vllm] decode step through vLLM's backend (VLLM_COMPILE, Inductor; B=256 N=4 D=192 fp16): without the "
              f"pass {v['vllm_unfused_ms']:.3f} ms, with nsa_fusion.vllm_pass() {v['vllm_fused_ms']:.3f} ms, "
              f"nsa_fusion's own backend {v['own_backend_ms']:.3f} ms (vLLM path / own: {v['vllm_over_own']:.2f}x)")
    else:
        print("\n[vllm] vLLM is not installed (pip install '.[vllm]'): no row")
    print("\n[compile] first compile (fresh process, empty Inductor cache) with the pass vs NSA_FUSION_DISABLE=1 (s)")
    _table(r["compile"], [("formulation", lambda x: x["formulation"]), ("with pass", lambda x: f"{x['with_pass_s']:.2f}"),
                          ("without", lambda x: f"{x['without_pass_s']:.2f}"), ("with/without", lambda x: f"{x['ratio']:.2f}x"),
                          ("in the pass", lambda x: f"{x['pass_s']:.3f}"),
                          ("pass share", lambda x: f"{100 * x['pass_share']:.0f}%")])


if __name__ == "__main__":
    sys.exit(main())
