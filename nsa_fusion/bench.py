"""python -m nsa_fusion bench: the fused op and whole compiled decode steps, as ratios in one run.

Sections (every timing is taken over repeats after warm-up, in one process, and printed as
median (min-max); ratios are of medians; [step] and [stack] also give the CPU time of each compiled
step, timed in one loop with the other backend, alternating):

* overhead: the fixed cost of one call at decode batch sizes (B = 1 ... 1024): the op as a compiled
  graph calls it, the eager call with value checks off and on (the default), the floor (one memcpy of
  exactly the window bytes the op reads) and the composite compiled by plain Inductor.
* op: the fused op (value checks off) vs the default eager call (value checks on) vs the eager
  plain-torch composite, vs that composite compiled by plain Inductor (no pass), vs a practical floor
  (index_select of exactly the touched window rows + index_copy_ of the output rows).
* step: a compiled decode step per formulation and batch size: nsa_fusion backend vs plain Inductor
  (vs eager at B = 256).
* stack: a 4-layer NSA decoder step (K and V compressed per layer: 8 compressions) at B = 8, 64, 256:
  eager vs plain Inductor vs the nsa_fusion backend, and how many compressions the pass fused.
* cache: the fused step with 16x more cache slots (must stay flat).
* compile: first-compile time (fresh process, empty Inductor cache) with and without the pass, and the
  share of it spent in the pass; static, dynamic=True and mark_dynamic on the batch (--quick: the first two).

The machine's load (load average per core, before and after) is reported; a warning is printed when
the machine was loaded or a timing's median is more than 1.5x its minimum.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

import torch

DTYPES = {"fp16": torch.float16, "bf16": torch.bfloat16}
SPREAD_WARN = 1.5  # median / min above this: the timing was disturbed
LOAD_WARN = 0.5  # 1-minute load average per core above this: the machine was busy


def timing_us(fn, repeats: int, warmup: int = 3) -> dict:
    """``{"min", "median", "max"}`` of ``repeats`` timed calls (µs), after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return dict(min=1e6 * min(times), median=1e6 * statistics.median(times), max=1e6 * max(times))


def _stats_us(times) -> dict:
    return dict(min=1e6 * min(times), median=1e6 * statistics.median(times), max=1e6 * max(times))


def paired_timings_us(fns: dict, repeats: int, warmup: int = 3) -> tuple[dict, dict]:
    """Wall-clock and CPU time (µs, ``{"min", "median", "max"}`` per name) of the callables in ``fns``,
    timed in one loop: each round calls every one of them once, in an order rotated from round to
    round, so a change of load hits all of them alike (timing one after the other lets the load of
    the minutes in between decide a small difference).  CPU time (``time.process_time``: every
    thread of this process) leaves out the time the process waited for a core, which is most of a
    wall-clock median on a loaded machine; with one thread it is the cost of the call."""
    names = list(fns)
    for _ in range(warmup):
        for name in names:
            fns[name]()
    wall, cpu = {n: [] for n in names}, {n: [] for n in names}
    for i in range(repeats):
        for name in names[i % len(names):] + names[:i % len(names)]:
            c0, t0 = time.process_time(), time.perf_counter()
            fns[name]()
            t1, c1 = time.perf_counter(), time.process_time()
            wall[name].append(t1 - t0)
            cpu[name].append(c1 - c0)
    return {n: _stats_us(wall[n]) for n in names}, {n: _stats_us(cpu[n]) for n in names}


def _own_code(module: torch.nn.Module, tag: str):
    """``module.forward`` as a bound method with a code object of its own.  Dynamo keeps its compiled
    entries per code object: two ``torch.compile`` of one module (two backends) share one cache, and
    every call of the entry added first checks the other's guards before its own (measured ~10 µs a
    call, more than the difference being measured at B = 1).  A copy of the code object each keeps
    the two apart, so they can be timed in one loop."""
    import types

    fwd = type(module).forward
    code = fwd.__code__.replace(co_name=f"{fwd.__name__}_{tag}")
    fn = types.FunctionType(code, fwd.__globals__, code.co_name, fwd.__defaults__, fwd.__closure__)
    return types.MethodType(fn, module)


def median_us(fn, repeats: int, warmup: int = 3) -> float:
    return timing_us(fn, repeats, warmup)["median"]


def _load_per_core() -> float | None:
    try:
        return os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        return None


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


def _qualifying(inp) -> int:
    lens, l, d = inp["lengths"], inp["l"], inp["d"]
    return int(((lens >= l) & ((lens - l) % d == 0)).sum())


def _memcpy_floor_fn(inp):
    """One memcpy of exactly the window bytes the op reads (rows x l x N x D elements, contiguous,
    preallocated): what the call costs if reading its input were all it did."""
    x = inp["input"]
    n = max(1, _qualifying(inp)) * inp["l"] * x.shape[2] * x.shape[3]
    src = torch.randn(n).to(x.dtype)
    dst = torch.empty_like(src)
    return lambda: dst.copy_(src)


def _compiled_composite(args, kw, cache):
    import nsa_fusion

    def ref(c):
        return nsa_fusion.reference.compress_infer(*args, **kw, cache=c)

    torch._dynamo.reset()  # one fresh compile per size (else dynamo's recompile limit ends in eager)
    compiled_ref = torch.compile(ref, dynamic=False)
    compiled_ref(cache)  # compile outside the timed region
    return ref, compiled_ref


def _eager_calls(args, kw, cache, repeats):
    """The default eager call (value checks on) and the call with value checks off."""
    import nsa_fusion

    previous = nsa_fusion.set_value_checks(True)
    try:
        checked = timing_us(lambda: nsa_fusion.compress_infer(*args, **kw, cache=cache), repeats)
        nsa_fusion.set_value_checks(False)  # what a compiled graph runs: the op alone
        fused = timing_us(lambda: nsa_fusion.compress_infer(*args, **kw, cache=cache), repeats)
    finally:
        nsa_fusion.set_value_checks(previous)
    return fused, checked


OVERHEAD_SIZES = [(1, 4, 128), (8, 4, 128), (32, 4, 64), (256, 4, 192), (256, 16, 128), (1024, 4, 192)]


def bench_overhead(B, N, D, repeats, l=32, d=16, P=128, dtype_name="fp16", frac=1 / 4):
    """The fixed cost of one call (issue 20's table): ``graph_op`` = the op as Inductor's generated
    code calls it; ``op`` = ``compress_infer`` with value checks off; ``checked`` = the default eager
    call; ``floor`` = :func:`_memcpy_floor_fn`; ``inductor`` = the composite compiled by plain Inductor."""
    inp = _inputs(B, N, D, l, d, P, DTYPES[dtype_name], frac)
    args = (inp["input"], inp["op_weight"], inp["slots"], l, d, P)
    kw = dict(block_table=inp["block_table"], actual_seq_len=inp["lengths"])
    cache = inp["cache"].clone()
    _, compiled_ref = _compiled_composite(args, kw, cache)
    op_args = (inp["input"], inp["op_weight"], inp["slots"], inp["block_table"], inp["lengths"], cache, l, d, P)
    graph_op = torch.ops.nsa_fusion.compress_infer_.default
    t = dict(graph_op=timing_us(lambda: graph_op(*op_args), repeats))
    t["op"], t["checked"] = _eager_calls(args, kw, cache, repeats)
    t["floor"] = timing_us(_memcpy_floor_fn(inp), repeats)
    t["inductor"] = timing_us(lambda: compiled_ref(cache), repeats)
    med = {k: v["median"] for k, v in t.items()}
    return dict(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype_name, qualifying=_qualifying(inp), timings=t,
                **{f"{k}_us": v for k, v in med.items()}, op_over_floor=med["op"] / med["floor"],
                checked_over_op=med["checked"] / med["op"], inductor_over_op=med["inductor"] / med["op"],
                op_within_floor_bound=med["op"] <= 2 * med["floor"] + 10, checked_within_bound=med["checked"] <= 1.5 * med["op"])


def bench_op(B, N, D, l, d, P, dtype_name, frac, repeats):
    dtype = DTYPES[dtype_name]
    inp = _inputs(B, N, D, l, d, P, dtype, frac)
    args = (inp["input"], inp["op_weight"], inp["slots"], l, d, P)
    kw = dict(block_table=inp["block_table"], actual_seq_len=inp["lengths"])
    cache = inp["cache"].clone()
    ref, compiled_ref = _compiled_composite(args, kw, cache)
    t = {}
    t["fused"], t["checked"] = _eager_calls(args, kw, cache, repeats)
    t["eager"] = timing_us(lambda: ref(cache), max(5, repeats // 4))
    t["inductor"] = timing_us(lambda: compiled_ref(cache), repeats)
    t["floor"] = timing_us(_floor_fn(dict(inp, cache=cache)), repeats)
    med = {k: v["median"] for k, v in t.items()}
    return dict(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype_name, qualifying=_qualifying(inp), timings=t,
                **{f"{k}_us": v for k, v in med.items()}, eager_x=med["eager"] / med["fused"],
                inductor_x=med["inductor"] / med["fused"], fused_over_floor=med["fused"] / med["floor"])


def _step_models(names):
    from .testing.formulations import FORMULATIONS, CompressStep

    chosen = [f for f in FORMULATIONS if names is None or f.name in names]
    return [(f, CompressStep(f, 32, 16)) for f in chosen]


def bench_step(formulation, model, repeats, num_slots=None, backends=("fused", "inductor", "eager"), B=256):
    """One compiled decode step (N=4, D=192, l=32, d=16, P=128, fp16, 1/16 of the rows completing a
    window) with each backend; times in ms, wall clock (``timings``) and CPU (``cpu``).  The two
    compiled steps are timed in one loop (:func:`paired_timings_us`), eager on its own after them."""
    from . import diagnostics
    from .backend import nsa_fusion_backend

    inp = _inputs(B, 4, 192, 32, 16, 128, torch.float16, 1 / 16, num_slots=num_slots)
    if formulation.weight_layout == "Nl":
        inp["weight"] = inp["op_weight"].t().contiguous()
    args = [inp[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    cache = inp["cache"].clone()
    row = dict(formulation=formulation.name, B=B, num_slots=cache.shape[0], timings={}, cpu={})
    torch._dynamo.reset()
    compiled = {}
    for name in backends:
        if name == "eager":
            fn = model
        else:  # each compile on a code object of its own: the two are timed in one loop below
            fn = torch.compile(_own_code(model, name), backend=nsa_fusion_backend if name == "fused" else "inductor",
                               dynamic=False)
            compiled[name] = fn
        fused_before = diagnostics.stats.get("fused", 0)
        with torch._inductor.config.patch(fx_graph_cache=False):
            t0 = time.perf_counter()
            fn(*args, cache)
            row[f"{name}_first_call_s"] = time.perf_counter() - t0
        if name == "fused":  # steps the pass replaced (0: the pass left the graph to Inductor)
            row["fused_steps"] = diagnostics.stats.get("fused", 0) - fused_before
    timed = {}  # name -> (wall, cpu)
    if compiled:  # fused and inductor interleaved
        wall, cpu = paired_timings_us({n: (lambda fn=fn: fn(*args, cache)) for n, fn in compiled.items()}, repeats)
        timed.update({n: (wall[n], cpu[n]) for n in compiled})
    if "eager" in backends:
        wall, cpu = paired_timings_us({"eager": lambda: model(*args, cache)}, max(5, repeats // 4))
        timed["eager"] = (wall["eager"], cpu["eager"])
    for name, (wall, cpu) in timed.items():
        row["timings"][name] = {k: v / 1e3 for k, v in wall.items()}
        row["cpu"][name] = {k: v / 1e3 for k, v in cpu.items()}
        row[f"{name}_ms"] = wall["median"] / 1e3
    if "fused" in backends and "inductor" in backends:
        row["inductor_x_cpu"] = row["cpu"]["inductor"]["median"] / row["cpu"]["fused"]["median"]
    if "eager" in backends:
        row["eager_x"] = row["eager_ms"] / row["fused_ms"]
    if "inductor" in backends:
        row["inductor_x"] = row["inductor_ms"] / row["fused_ms"]
    return row


class _Decoder(torch.nn.Module):
    """A 4-layer NSA decoder step (the ``[stack]`` row): per layer RMSNorm, q/k/v projections, the new
    token's K and V appended into paged caches, K and V each compressed into their own compressed cache
    (``mulsum_index_put``, the recognised spelling), attention over the compressed cache plus a sliding
    window of the paged cache (fp32 softmax), output projection and a SwiGLU MLP.  Sizes: hidden 256,
    N = 4 heads of D = 64, MLP 512, l = 32, d = 16, P = 64, 256 tokens per request, window W = 16."""
    layers, hidden, N, D, inter, l, d, P, cap, W = 4, 256, 4, 64, 512, 32, 16, 64, 256, 16

    def __init__(self, dtype=torch.float16, seed=0):
        super().__init__()
        from .testing.formulations import BY_NAME, CompressStep

        g = torch.Generator().manual_seed(seed)

        def param(*shape, scale=1.0):
            return torch.nn.Parameter((scale * torch.randn(*shape, generator=g)).to(dtype), requires_grad=False)

        H, ND = self.hidden, self.N * self.D
        self.step = CompressStep(BY_NAME["mulsum_index_put"], self.l, self.d)
        self.params = torch.nn.ParameterList()
        for _ in range(self.layers):  # norm1, wq, wk, wv, wo, norm2, w_gate, w_up, w_down, pool_k, pool_v
            self.params.extend([param(H, scale=0.1), param(ND, H, scale=H ** -0.5), param(ND, H, scale=H ** -0.5),
                                param(ND, H, scale=H ** -0.5), param(H, ND, scale=ND ** -0.5), param(H, scale=0.1),
                                param(self.inter, H, scale=H ** -0.5), param(self.inter, H, scale=H ** -0.5),
                                param(H, self.inter, scale=self.inter ** -0.5), param(self.l, self.N, scale=self.l ** -0.5),
                                param(self.l, self.N, scale=self.l ** -0.5)])

    @staticmethod
    def _norm(x, w):
        xf = x.float()
        return (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + 1e-6) * (1 + w.float())).to(x.dtype)

    @staticmethod
    def _mm(x, w):
        """x @ w.T computed in fp32, rounded to fp16: CPUs without fp16 arithmetic run an fp16 GEMM
        as a dot-product loop (~0.5 ms for [8, 256] x [256, 256]), which would drown the step."""
        return (x.float() @ w.float().t()).to(x.dtype)

    @staticmethod
    def _attend(q, keys, vals, mask):
        scores = torch.einsum("bhd,bthd->bht", q.float(), keys.float()) * q.shape[-1] ** -0.5
        scores = scores.masked_fill(~mask[:, None, :], torch.finfo(torch.float32).min)
        return torch.einsum("bht,bthd->bhd", scores.softmax(-1), vals.float()).to(q.dtype)

    def forward(self, x, lengths, block_table, slots, cmp_table, *caches):
        B, P, L = x.shape[0], self.P, self.layers
        table = block_table.long()
        new = lengths.long() - 1
        page, off = table.gather(1, (new // P)[:, None])[:, 0], new % P
        done = torch.where(lengths >= self.l, torch.div(lengths - self.l, self.d, rounding_mode="floor") + 1, 0)
        cmp_mask = torch.arange(cmp_table.shape[1])[None, :] < done[:, None]
        raw = lengths.long()[:, None] - self.W + torch.arange(self.W)
        win = raw.clamp(min=0)
        win_pages, win_mask = table.gather(1, win // P), raw >= 0
        for i in range(L):
            n1, wq, wk, wv, wo, n2, wg, wu, wd, pool_k, pool_v = self.params[11 * i:11 * i + 11]
            kv_k, kv_v, cmp_k, cmp_v = caches[2 * i], caches[2 * i + 1], caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            h = self._norm(x, n1)
            q, k, v = (self._mm(h, w).view(B, self.N, self.D) for w in (wq, wk, wv))
            kv_k[page, off] = k
            kv_v[page, off] = v
            self.step(kv_k, pool_k, slots, block_table, lengths, cmp_k)
            self.step(kv_v, pool_v, slots, block_table, lengths, cmp_v)
            rows = cmp_table.long()
            attn = self._attend(q, cmp_k[rows], cmp_v[rows], cmp_mask)
            attn = attn + self._attend(q, kv_k[win_pages, win % P], kv_v[win_pages, win % P], win_mask)
            x = x + self._mm(attn.reshape(B, -1), wo)
            h = self._norm(x, n2)
            x = x + self._mm(torch.nn.functional.silu(self._mm(h, wg)) * self._mm(h, wu), wd)
        return x

    def make_inputs(self, B, frac=1 / 16, seed=0):
        """Decode metadata for B requests (about ``frac`` of them completing a window this step) and the
        2 * layers paged caches and 2 * layers compressed caches, fp16."""
        g = torch.Generator().manual_seed(seed)
        l, d, P, cap, dtype = self.l, self.d, self.P, self.cap, self.params[0].dtype
        every = max(1, round(1 / frac))
        k = torch.randint(0, (cap - l) // d + 1, (B,), generator=g)
        off = torch.randint(1, d, (B,), generator=g)
        lengths = torch.where(torch.arange(B) % every == 0, l + k * d, l + k * d - off).clamp(min=1)
        pages = cap // P
        nb = B * pages + 3
        table = torch.randperm(nb, generator=g)[:B * pages].view(B, pages)
        C = (cap - l) // d + 1
        cmp_table = torch.arange(B * C).view(B, C)  # request b's compressed tokens: slots b*C .. b*C+C-1
        done = torch.where(lengths >= l, (lengths - l) // d + 1, 0)
        slots = cmp_table.gather(1, (done - 1).clamp(min=0)[:, None])[:, 0]  # a request's newest slot: unique
        paged = [torch.randn(nb, P, self.N, self.D, generator=g).to(dtype) for _ in range(2 * self.layers)]
        compressed = [torch.randn(B * C, self.N, self.D, generator=g).to(dtype) for _ in range(2 * self.layers)]
        x = torch.randn(B, self.hidden, generator=g).to(dtype)
        return [x, lengths.int(), table.int(), slots.int(), cmp_table.int(), *paged, *compressed]


def bench_stack(B, repeats):
    """The 4-layer decoder step (:class:`_Decoder`) at batch B: eager vs plain Inductor vs the
    nsa_fusion backend (ms, wall clock and CPU), and how many of its 8 compressions the pass fused.
    Plain Inductor and nsa_fusion are timed in one loop (:func:`paired_timings_us`): the pass changes
    only the compressions, a few per cent of this step, less than the load's drift between two
    separate timing loops on a busy machine."""
    from . import diagnostics
    from .backend import nsa_fusion_backend

    model = _Decoder()
    args = model.make_inputs(B)
    fresh = [a.clone() for a in args]
    row = dict(B=B, compressions=2 * model.layers, qualifying=_qualifying(dict(lengths=args[1], l=model.l, d=model.d)),
               timings={}, cpu={})
    outs, calls = {}, {}
    torch._dynamo.reset()
    for name in ("eager", "inductor", "fused"):
        fn = model if name == "eager" else torch.compile(  # own code objects: timed in one loop below
            _own_code(model, name), backend=nsa_fusion_backend if name == "fused" else "inductor", dynamic=False)
        before = dict(diagnostics.stats)
        call_args = [a.clone() for a in fresh]
        with torch._inductor.config.patch(fx_graph_cache=False), torch.no_grad():
            outs[name] = fn(*call_args)
        if name == "fused":  # compressions fused, and why any was not (rejected:<part>, declined:<why>)
            delta = {k: v - before.get(k, 0) for k, v in diagnostics.stats.items() if v != before.get(k, 0)}
            row["fused"] = delta.get("fused", 0)
            row["not_fused"] = {k: v for k, v in delta.items() if k.startswith(("rejected:", "declined:"))}
        calls[name] = lambda fn=fn, call_args=call_args: fn(*call_args)  # the caches grow no further: same step
    with torch.no_grad():
        wall, cpu = paired_timings_us({"eager": calls.pop("eager")}, max(5, repeats // 4))
        timed = paired_timings_us(calls, repeats)  # inductor and fused interleaved
    for name in ("eager", "inductor", "fused"):
        w, c = (wall, cpu) if name == "eager" else (timed[0], timed[1])
        row["timings"][name] = {k: v / 1e3 for k, v in w[name].items()}
        row["cpu"][name] = {k: v / 1e3 for k, v in c[name].items()}
        row[f"{name}_ms"] = w[name]["median"] / 1e3
    row["inductor_x"] = row["inductor_ms"] / row["fused_ms"]
    row["inductor_x_cpu"] = row["cpu"]["inductor"]["median"] / row["cpu"]["fused"]["median"]
    row["eager_x"] = row["eager_ms"] / row["fused_ms"]
    row["max_abs_diff"] = float((outs["fused"].float() - outs["inductor"].float()).abs().max())
    return row


COMPILE_MODES = ("static", "dynamic", "mark_dynamic")


def bench_compile(formulation, model, repeats=1, mode="static"):
    """First-compile time with the pass vs with it disabled (``NSA_FUSION_DISABLE=1``), and the time
    spent inside the pass, in one of :data:`COMPILE_MODES`: ``static`` (``torch.compile``'s default: a
    first compile specializes every size), ``dynamic`` (``dynamic=True``: every size symbolic) or
    ``mark_dynamic`` (the batch of the slots, block table and lengths, as serving engines mark it).
    Each compile runs in a fresh process with an empty Inductor cache
    directory, because that is the only compile in which the pass runs for a user: afterwards
    Inductor's FX graph cache serves the compiled graph (its key includes the pass's uuid) and the
    pass does not run at all.  A second compile in the same process would hit the in-memory and
    on-disk kernel caches and measure mostly Python overhead.  Best of ``repeats``."""
    import os
    import subprocess
    import tempfile

    best = {}
    for _ in range(repeats):
        for run in ("on", "off"):
            with tempfile.TemporaryDirectory(prefix="nsa_fusion_bench_") as cache_dir:
                env = dict(os.environ, NSA_FUSION_DISABLE="1" if run == "off" else "0",
                           TORCHINDUCTOR_CACHE_DIR=cache_dir)
                proc = subprocess.run([sys.executable, "-c", "import sys; from nsa_fusion.bench import compile_once; "
                                       f"compile_once({formulation.name!r}, {torch.get_num_threads()}, {mode!r})"],
                                      env=env, capture_output=True, text=True, timeout=600)
            if proc.returncode != 0:
                raise RuntimeError(f"compile child failed: {proc.stderr.strip()[-800:]}")
            out = json.loads(proc.stdout.strip().splitlines()[-1])
            best[run] = min(best.get(run, 1e9), out["compile_s"])
            if run == "on":
                best["pass_s"] = min(best.get("pass_s", 1e9), out["pass_s"])
    return dict(formulation=formulation.name, mode=mode, with_pass_s=best["on"], without_pass_s=best["off"],
                pass_s=best["pass_s"], pass_share=best["pass_s"] / best["on"], ratio=best["on"] / best["off"])


def compile_once(name: str, threads: int, mode: str = "static") -> None:
    """Child of :func:`bench_compile`: compile the step once, print ``{"compile_s", "pass_s"}``."""
    from .backend import _inductor_pass, nsa_fusion_backend

    torch.set_num_threads(threads)
    formulation, model = _step_models((name,))[0]
    inp = _inputs(256, 4, 192, 32, 16, 128, torch.float16, 1 / 16)
    if formulation.weight_layout == "Nl":
        inp["weight"] = inp["op_weight"].t().contiguous()
    args = [inp[k] for k in ("input", "weight", "slots", "block_table", "lengths")] + [inp["cache"].clone()]
    if mode == "mark_dynamic":
        for x in args[2:5]:  # slots, block_table, lengths
            torch._dynamo.mark_dynamic(x, 0)
    t0 = time.perf_counter()
    torch.compile(model, backend=nsa_fusion_backend, **({"dynamic": True} if mode == "dynamic" else {}))(*args)
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


def _default_threads() -> int:
    """1 on machines with <= 2 cores, where a second OpenMP thread competes with everything else and
    quantises timings to the scheduler tick; otherwise 2 (the CI machine's setting)."""
    return 1 if (os.cpu_count() or 1) <= 2 else 2


STEP_BATCHES = (1, 8, 32, 256, 1024)
STACK_BATCHES = (8, 64, 256)
SECTIONS = ("overhead", "op", "step", "stack", "cache", "vllm", "compile")


def _progress(section: str, row: dict) -> dict:
    """One line per finished row on stderr (a full run takes a while on a small machine)."""
    if section == "step":
        what = f"{row['formulation']} B={row['B']}"
    elif section == "compile":
        what = row["formulation"]
    elif section == "stack":
        what = f"B={row['B']}"
    else:
        what = f"B={row['B']} N={row['N']} D={row['D']}"
    print(f"bench: [{section}] {what} done", file=sys.stderr, flush=True)
    return row


def main(argv=None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m nsa_fusion bench", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Benchmark tables for nsa_fusion: the fused op's fixed cost, the op against the eager "
                    "composite, plain Inductor and the memory floor, whole compiled decode steps, cost "
                    "against cache size, vLLM (when installed), compile time.",
        epilog=__doc__.split("\n", 2)[2])
    p.add_argument("--quick", action="store_true", help="a few sizes per section (< 1 min)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    p.add_argument("--threads", type=int, default=_default_threads(),
                   help="torch CPU threads (default: 1 on machines with <= 2 cores, else 2)")
    p.add_argument("--sections", default=",".join(SECTIONS),
                   help=f"comma-separated subset of {','.join(SECTIONS)} (default: all)")
    p.add_argument("--batches", default=None,
                   help="comma-separated batch sizes for [step] and [stack] (default: step "
                        f"{','.join(map(str, STEP_BATCHES))}, stack {','.join(map(str, STACK_BATCHES))})")
    p.add_argument("--repeats", type=int, default=None,
                   help="timed calls per timing (default 100, --quick 20; [overhead] 5x, [stack] half as many)")
    args = p.parse_args(argv)
    sections = set(args.sections.split(","))
    if not sections <= set(SECTIONS):
        p.error(f"unknown section(s): {', '.join(sorted(sections - set(SECTIONS)))}")
    torch.set_num_threads(args.threads)
    from .lowering import native_kernel

    loaded, where = native_kernel.available()
    load_before = _load_per_core()
    meta = dict(threads=torch.get_num_threads(), torch=torch.__version__, native_kernel=loaded, quick=args.quick,
                cores=os.cpu_count(), native_isa=native_kernel.isa() if loaded else None)
    reps = args.repeats or (20 if args.quick else 100)
    chosen = tuple(int(b) for b in args.batches.split(",")) if args.batches else None
    overhead_sizes = [OVERHEAD_SIZES[0], OVERHEAD_SIZES[3]] if args.quick else OVERHEAD_SIZES
    overhead = [_progress("overhead", bench_overhead(B, N, D, repeats=reps * 5))
                for B, N, D in overhead_sizes] if "overhead" in sections else []
    if args.quick:
        op_sizes = [(256, 4, 192, 32, 16, 128, "fp16", 1 / 16), (256, 4, 192, 32, 16, 128, "fp16", 1.0)]
    else:
        op_sizes = [(B, N, D, 32, 16, 128, "fp16", frac) for B in (1, 16, 256, 1024)
                    for N, D in ((1, 192), (4, 192), (16, 128), (32, 256)) for frac in (1 / 16, 1.0)]
        op_sizes += [(256, 4, 192, 64, 32, 128, "fp16", 1 / 16), (256, 4, 192, 32, 16, 64, "fp16", 1 / 16),
                     (256, 4, 192, 32, 16, 128, "bf16", 1 / 16), (256, 4, 192, 64, 32, 64, "bf16", 1.0)]
    ops = [_progress("op", bench_op(*size, repeats=reps)) for size in op_sizes] if "op" in sections else []
    names = ("mulsum_index_put", "einsum_index_copy") if args.quick else None
    batches = chosen or ((8,) if args.quick else STEP_BATCHES)
    steps = [_progress("step", bench_step(f, m, reps, B=B, backends=("fused", "inductor", "eager")
                                          if B in (8, 256) and (args.quick or B == 256) else ("fused", "inductor")))
             for f, m in _step_models(names) for B in batches] if "step" in sections else []
    stack = [_progress("stack", bench_stack(B, max(10, reps // 2))) for B in (chosen or ((8,) if args.quick else STACK_BATCHES))] \
        if "stack" in sections else []
    cache = {}
    if "cache" in sections:
        f0, m0 = _step_models(("mulsum_index_put",))[0]
        small = bench_step(f0, m0, reps, backends=("fused",))
        big = bench_step(f0, m0, reps, num_slots=16 * small["num_slots"], backends=("fused",))
        cache = dict(slots_x1=small["num_slots"], slots_x16=big["num_slots"], ms_x1=small["fused_ms"],
                     ms_x16=big["fused_ms"], slowdown=big["fused_ms"] / small["fused_ms"] - 1)
    # a first compile per fresh process costs seconds (C++ kernels): --quick times one formulation, static
    # and dynamic=True
    compiles = [_progress("compile", bench_compile(f, m, mode=mode)) for f, m in _step_models(names[:1] if names else None)
                for mode in (COMPILE_MODES[:2] if args.quick else COMPILE_MODES)] if "compile" in sections else []
    vllm = bench_vllm(reps) if "vllm" in sections else {}
    meta["load_per_core"] = [load_before, _load_per_core()]
    result = dict(meta=meta, overhead=overhead, op=ops, step=steps, stack=stack, cache=cache, compile=compiles,
                  vllm=vllm)
    result["warnings"] = _warnings(result)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print(result)
    return 0


def _spreads(result):
    """(section, label, median / min) of every timing."""
    for section in ("overhead", "op", "step", "stack"):
        for row in result.get(section, []):
            label = row.get("formulation") or (f"B={row['B']}" if section == "stack" else
                                               f"B={row['B']} N={row['N']} D={row['D']}")
            if section == "step":
                label += f" B={row['B']}"
            for name, t in row["timings"].items():
                yield section, f"{label} {name}", t["median"] / t["min"] if t["min"] > 0 else float("inf")


def _warnings(result) -> list[str]:
    out = []
    load = [x for x in result["meta"]["load_per_core"] if x is not None]
    if load and max(load) > LOAD_WARN:
        out.append(f"the machine was loaded: 1-minute load average {max(load):.2f} per core (threshold "
                   f"{LOAD_WARN}); timings of this run may be inflated")
    disturbed = [(s, label, x) for s, label, x in _spreads(result) if x > SPREAD_WARN]
    if disturbed:
        worst = max(disturbed, key=lambda t: t[2])
        out.append(f"{len(disturbed)} timings have a median more than {SPREAD_WARN}x their minimum (worst: "
                   f"[{worst[0]}] {worst[1]}, {worst[2]:.1f}x): the machine was busy during them")
    return out


def _table(rows, cols):
    widths = [max(len(h), *(len(fmt(r)) for r in rows)) for h, fmt in cols]
    print("  ".join(h.rjust(w) for (h, _), w in zip(cols, widths)))
    for r in rows:
        print("  ".join(fmt(r).rjust(w) for (_, fmt), w in zip(cols, widths)))


def _t(name, digits=0):
    """A timing cell: median (min-max)."""
    def fmt(row):
        t = row["timings"].get(name)
        if t is None:
            return "-"
        return f"{t['median']:.{digits}f} ({t['min']:.{digits}f}-{t['max']:.{digits}f})"
    return fmt


def _cpu(name, digits=0):
    """A CPU-time cell: median (min)."""
    def fmt(row):
        t = row.get("cpu", {}).get(name)
        return "-" if t is None else f"{t['median']:.{digits}f} ({t['min']:.{digits}f})"
    return fmt


def _print(r):
    m = r["meta"]
    load = ", ".join("?" if x is None else f"{x:.2f}" for x in m.get("load_per_core", []))
    print(f"nsa_fusion bench: torch {m['torch']}, {m['threads']} threads on {m.get('cores')} cores, native kernel "
          f"{'on (' + str(m.get('native_isa')) + ')' if m['native_kernel'] else 'OFF'}, load average per core "
          f"before/after: {load}")
    if r["overhead"]:
        _print_overhead(r)
    if r["op"]:
        _print_op(r)
    if r["step"]:
        _print_step(r)
    if r.get("stack"):
        _print_stack(r)
    if r["cache"]:
        _print_cache(r)
    _print_rest(r)


def _print_overhead(r):
    print("\n[overhead] one call, l=32 d=16 P=128 fp16, 1/4 of the rows writing (µs: median (min-max)); graph op = "
          "the op as a compiled graph calls it, op = compress_infer with value checks off, checked = the default "
          "eager call, floor = one memcpy of the window bytes read, inductor = the composite compiled by plain Inductor")
    _table(r["overhead"], [("B", lambda x: str(x["B"])), ("N", lambda x: str(x["N"])), ("D", lambda x: str(x["D"])),
                           ("rows", lambda x: str(x["qualifying"])), ("graph op", _t("graph_op")), ("op", _t("op")),
                           ("checked", _t("checked")), ("floor", _t("floor")), ("inductor", _t("inductor")),
                           ("op/floor", lambda x: f"{x['op_over_floor']:.1f}x"),
                           ("checked/op", lambda x: f"{x['checked_over_op']:.2f}x"),
                           ("ind/op", lambda x: f"{x['inductor_over_op']:.1f}x")])


def _print_op(r):
    print("\n[op] fused op (checked: the default eager call, value checks on) vs eager composite, "
          "plain-Inductor composite and the floor (µs: median (min-max))")
    _table(r["op"], [("B", lambda x: str(x["B"])), ("N", lambda x: str(x["N"])), ("D", lambda x: str(x["D"])),
                     ("l/d", lambda x: f"{x['l']}/{x['d']}"), ("P", lambda x: str(x["P"])), ("dtype", lambda x: x["dtype"]),
                     ("qual", lambda x: str(x["qualifying"])), ("fused", _t("fused")), ("checked", _t("checked")),
                     ("eager", _t("eager")), ("inductor", _t("inductor")), ("floor", _t("floor")),
                     ("eager/fused", lambda x: f"{x['eager_x']:.1f}x"), ("ind/fused", lambda x: f"{x['inductor_x']:.1f}x"),
                     ("fused/floor", lambda x: f"{x['fused_over_floor']:.1f}x")])


def _print_step(r):
    print("\n[step] compiled decode step, N=4 D=192 l=32 d=16 P=128 fp16, 1/16 of the rows completing a window "
          "(ms: median (min-max); fused and inductor timed in one loop, alternating; cpu = CPU time of the process, "
          "median (min))")
    _table(r["step"], [("formulation", lambda x: x["formulation"]), ("B", lambda x: str(x["B"])),
                       ("fused?", lambda x: "yes" if x.get("fused_steps") else "no"),
                       ("fused", _t("fused", 3)), ("inductor", _t("inductor", 3)), ("eager", _t("eager", 3)),
                       ("cpu fused", _cpu("fused", 3)), ("cpu inductor", _cpu("inductor", 3)),
                       ("eager/fused", lambda x: f"{x['eager_x']:.1f}x" if "eager_x" in x else "-"),
                       ("ind/fused", lambda x: f"{x['inductor_x']:.1f}x"),
                       ("cpu ind/fused", lambda x: f"{x['inductor_x_cpu']:.2f}x")])


def _print_stack(r):
    d = _Decoder
    print(f"\n[stack] {d.layers}-layer NSA decoder step (RMSNorm, q/k/v/o projections, K/V append into paged caches, K "
          f"and V compressed per layer, compressed-cache + sliding-window attention, SwiGLU MLP; hidden {d.hidden}, "
          f"N={d.N} D={d.D} l={d.l} d={d.d} P={d.P}, fp16, 1/16 of the rows completing a window) (ms: median (min-max); "
          f"inductor and nsa_fusion timed in one loop, alternating; cpu = CPU time of the process, median (min))")
    _table(r["stack"], [("B", lambda x: str(x["B"])),
                        ("fused", lambda x: f"{x['fused']}/{x['compressions']}"
                         + (" (" + ", ".join(f"{k} {v}" for k, v in x["not_fused"].items()) + ")" if x["not_fused"] else "")),
                        ("eager", _t("eager", 3)), ("inductor", _t("inductor", 3)), ("nsa_fusion", _t("fused", 3)),
                        ("cpu inductor", _cpu("inductor", 3)), ("cpu nsa_fusion", _cpu("fused", 3)),
                        ("ind/nsa_fusion", lambda x: f"{x['inductor_x']:.2f}x"),
                        ("cpu ind/nsa_fusion", lambda x: f"{x['inductor_x_cpu']:.3f}x"),
                        ("eager/nsa_fusion", lambda x: f"{x['eager_x']:.1f}x")])


def _print_cache(r):
    c = r["cache"]
    print(f"\n[cache] fused step with {c['slots_x1']} vs {c['slots_x16']} cache slots: {c['ms_x1']:.3f} ms vs "
          f"{c['ms_x16']:.3f} ms ({100 * c['slowdown']:+.0f}%)")


def _print_rest(r):
    v = r.get("vllm") or {}
    if v:
        print(f"\n[vllm] decode step through vLLM's backend (VLLM_COMPILE, Inductor; B=256 N=4 D=192 fp16): without the "
              f"pass {v['vllm_unfused_ms']:.3f} ms, with nsa_fusion.vllm_pass() {v['vllm_fused_ms']:.3f} ms, "
              f"nsa_fusion's own backend {v['own_backend_ms']:.3f} ms (vLLM path / own: {v['vllm_over_own']:.2f}x)")
    else:
        print("\n[vllm] vLLM is not installed (pip install '.[vllm]'): no row")
    if r["compile"]:
        _print_compile(r)
    for w in r.get("warnings", []):
        print(f"\nwarning: {w}")


def _print_compile(r):
    print("\n[compile] first compile (fresh process, empty Inductor cache) with the pass vs NSA_FUSION_DISABLE=1 (s)")
    _table(r["compile"], [("formulation", lambda x: x["formulation"]), ("shapes", lambda x: x.get("mode", "static")),
                          ("with pass", lambda x: f"{x['with_pass_s']:.2f}"),
                          ("without", lambda x: f"{x['without_pass_s']:.2f}"), ("with/without", lambda x: f"{x['ratio']:.2f}x"),
                          ("in the pass", lambda x: f"{x['pass_s']:.3f}"),
                          ("pass share", lambda x: f"{100 * x['pass_share']:.0f}%")])


if __name__ == "__main__":
    sys.exit(main())
