#!/usr/bin/env bash
# The GPU check of the Triton kernel (nsa_fusion/lowering/triton_kernel.py).  Needs a CUDA GPU with torch
# and triton installed (no network, no install: the source tree is put on PYTHONPATH).  From anywhere:
#
#   bash tools/gpu_check.sh            # the cuda tests, then every formulation (about 5-8 minutes)
#   bash tools/gpu_check.sh --quick    # the cuda tests, then three formulations and fewer op sizes
#   bash tools/gpu_check.sh --no-tests # the timings only (to split the work over two device calls)
#   bash tools/gpu_check.sh --cpu-smoke  # no GPU: the script's own logic on CPU at tiny sizes (Triton
#                                        # interpreter, wall-clock timing), to check the script itself
#
# 1. pytest -m cuda tests/test_triton_kernel.py: the kernel compiled for the GPU bit-exact to the golden,
#    a CUDA graph replaying it with new lengths, and torch.compile(mode="reduce-overhead") over a 48-step
#    decode loop (one capture, no recompile, every step equal to the eager op);
# 2. a whole decode step per formulation (B=256, N=4, D=192, l=32, d=16, P=128, fp16, 16 of 256 rows
#    completing a window, as the CPU table in the README): eager vs Inductor without the pass vs
#    nsa_fusion with the Triton kernel (NSA_FUSION_FORCE_TRITON), each also under CUDA graphs for the
#    first formulation; the cost rule for fuses_on("cuda") is fused faster than Inductor on every row;
# 3. the op alone (eager call, and one CUDA graph replay = the kernel alone) vs its memory floor: the
#    bytes it must move (l tokens in and one row out per completing row, plus the index reads) at the
#    bandwidth of a 1 GiB device copy.
# Timings: CUDA events around 50 back-to-back calls, 5 repeats, min / median / max in ms (or us).
# The tables go to stdout, and as JSON to ${OUT:-.}/gpu_check.json.
set -uo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
unset TRITON_INTERPRET NSA_FUSION_FORCE_TRITON NSA_FUSION_DISABLE
PY=${PYTHON:-python3}

tests_rc=0
if [[ " $* " == *" --cpu-smoke "* ]]; then
  export TRITON_INTERPRET=1
else
  $PY -c "import torch, triton; assert torch.cuda.is_available(), 'no CUDA GPU'; \
print('GPU:', torch.cuda.get_device_name(), '| torch', torch.__version__, '| triton', triton.__version__)" || exit 1
  if [[ " $* " != *" --no-tests "* ]]; then
    SECONDS=0
    $PY -m pytest -q -p no:cacheprovider -m cuda tests/test_triton_kernel.py
    tests_rc=$?
    echo "cuda tests: rc=$tests_rc after $SECONDS s"
  fi
fi

$PY - "$@" <<'EOF'
import json
import os
import statistics
import sys
import time

import torch

import nsa_fusion
from nsa_fusion import lowering
from nsa_fusion.lowering import triton_kernel as tk
from nsa_fusion.testing.formulations import FORMULATIONS, CompressStep, make_inputs

SMOKE = "--cpu-smoke" in sys.argv
QUICK = "--quick" in sys.argv or SMOKE
DEV = "cpu" if SMOKE else "cuda"
results = {"gpu": "cpu smoke run" if SMOKE else torch.cuda.get_device_name(), "torch": torch.__version__,
           "steps": [], "op": []}


def timed(fn, iters=50, repeats=5):
    """(min, median, max) ms per call over `repeats` runs of `iters` back-to-back calls."""
    if SMOKE:
        fn()
        start = time.perf_counter()
        fn()
        ms = 1e3 * (time.perf_counter() - start)
        return ms, ms, ms
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    runs = []
    for _ in range(repeats):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(iters):
            fn()
        end.record()
        end.synchronize()
        runs.append(start.elapsed_time(end) / iters)
    return min(runs), statistics.median(runs), max(runs)


def graphed(fn):
    """fn captured once in a CUDA graph (after a warm-up on a side stream): replay = the kernels alone."""
    if SMOKE:
        return fn
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        fn()
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        fn()
    return graph.replay


def step_inputs(formulation, B=256, N=4, D=192, l=32, d=16, P=128, dtype=torch.float16, every=16):
    if SMOKE:
        B, N, D = min(B, 4), min(N, 2), min(D, 16)
    inp = make_inputs(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype, qualifying="all", pages_per_seq=3,
                      weight_layout=formulation.weight_layout, device=DEV)
    keep = torch.arange(B, device=DEV) % every == 0
    inp["lengths"] = torch.where(keep, inp["lengths"], (inp["lengths"] - 1).clamp(min=0))
    return inp


def fmt(t):
    return "/".join(f"{v:.3f}" for v in t)


t0 = time.time()
# --- bandwidth ------------------------------------------------------------------------------------
src = torch.empty(2 ** (16 if SMOKE else 28), dtype=torch.float32, device=DEV)
dst = torch.empty_like(src)
copy_ms = timed(lambda: dst.copy_(src), iters=10)[1]
bw = 2 * src.numel() * 4 / (copy_ms * 1e-3)  # bytes read + written per second
results["copy_bandwidth_GBps"] = bw / 1e9
print(f"device copy bandwidth: {bw / 1e9:.0f} GB/s (read + write)")
del src, dst

# --- whole decode steps per formulation ------------------------------------------------------------
print("\nwhole decode step, ms (min/median/max): eager | Inductor, no pass | nsa_fusion + Triton kernel")
names = [f.name for f in FORMULATIONS][:2 if SMOKE else 3 if QUICK else None]
for i, f in enumerate(FORMULATIONS):
    if f.name not in names:
        continue
    inp = step_inputs(f)
    args = [inp[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    step = CompressStep(f, inp["l"], inp["d"])
    row = {"formulation": f.name}
    cache = inp["cache"].clone()
    row["eager"] = timed(lambda: step(*args, cache))
    # the eager op's numbers, bit for bit, are what the fused graph must give
    expected = inp["cache"].clone()
    nsa_fusion.compress_infer(inp["input"], inp["op_weight"], inp["slots"], inp["l"], inp["d"], inp["P"],
                              block_table=inp["block_table"], actual_seq_len=inp["lengths"], cache=expected)
    modes = [("", None)] + ([("_cudagraphs", "reduce-overhead")] if i == 0 else [])
    for suffix, mode in modes:
        for kind in ("inductor", "fused"):
            lowering.force_triton_lowering(kind == "fused")
            # the pass in Inductor's config, so that `mode` applies to both
            (nsa_fusion.enable_inductor if kind == "fused" else nsa_fusion.disable_inductor)()
            torch._dynamo.reset()
            nsa_fusion.stats.clear()
            cache = inp["cache"].clone()
            if mode:
                for t in (inp["input"], args[1], inp["block_table"], cache):
                    torch._dynamo.mark_static_address(t)
            with torch._inductor.config.patch(fx_graph_cache=False):
                compiled = torch.compile(step, mode=mode)
                compiled(*args, cache)
                fused = nsa_fusion.stats["fused"]
                if kind == "fused":
                    assert fused == 1, (f.name, dict(nsa_fusion.stats))
                    assert torch.equal(cache.view(torch.int16), expected.view(torch.int16)), f"{f.name}: not bit-exact"
                else:
                    assert fused == 0
                    torch.testing.assert_close(cache.float(), expected.float(), rtol=2e-3, atol=2e-3)
                row[kind + suffix] = timed(lambda: compiled(*args, cache))
    lowering.force_triton_lowering(False)
    nsa_fusion.disable_inductor()
    row["fused_beats_inductor"] = row["fused"][1] < row["inductor"][1]
    results["steps"].append(row)
    print(f"{f.name:>34}  {fmt(row['eager'])} | {fmt(row['inductor'])} | {fmt(row['fused'])}"
          f"  ind/fused {row['inductor'][1] / row['fused'][1]:.2f}x  ({time.time() - t0:.0f} s)")
    if "fused_cudagraphs" in row:
        print(f"{'(reduce-overhead CUDA graphs)':>34}  {'':>17} | {fmt(row['inductor_cudagraphs'])} | "
              f"{fmt(row['fused_cudagraphs'])}  ind/fused "
              f"{row['inductor_cudagraphs'][1] / row['fused_cudagraphs'][1]:.2f}x")
wins = all(r["fused_beats_inductor"] for r in results["steps"])
results["fused_faster_on_every_formulation"] = wins
print(f"cost rule (fused faster than Inductor on every formulation): {wins}")

# --- the op alone vs the memory floor ---------------------------------------------------------------
SIZES = [  # B, N, D, l, d, P, dtype, one row in `every` completes
    (16, 4, 192, 32, 16, 128, torch.float16, 16), (16, 4, 192, 32, 16, 128, torch.float16, 1),
    (256, 4, 192, 32, 16, 128, torch.float16, 16), (256, 4, 192, 32, 16, 128, torch.float16, 1),
    (256, 32, 256, 32, 16, 128, torch.float16, 1), (1024, 4, 192, 32, 16, 128, torch.float16, 16),
    (1024, 16, 128, 64, 32, 64, torch.bfloat16, 1), (1024, 4, 192, 32, 16, 128, torch.float32, 1),
]
if QUICK:
    SIZES = SIZES[2:4] + SIZES[6:7] + SIZES[7:] * SMOKE
print("\nthe op alone, us (median): eager call | CUDA graph replay (kernel) | floor | kernel/floor")
for B, N, D, l, d, P, dtype, every in SIZES:
    inp = step_inputs(FORMULATIONS[0], B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype, every=every)
    B, _, N, D = inp["slots"].shape[0], *inp["input"].shape[1:]
    q = int(((inp["lengths"] >= l) & ((inp["lengths"] - l) % d == 0)).sum())
    cache = inp["cache"].clone()
    call = lambda: torch.ops.nsa_fusion.compress_infer_(inp["input"], inp["op_weight"], inp["slots"],  # noqa: E731
                                                        inp["block_table"], inp["lengths"], cache, l, d, P)
    eager_us = 1e3 * timed(call)[1]
    kernel_us = 1e3 * timed(graphed(call))[1]
    es = inp["input"].element_size()
    moved = q * (l + 1) * N * D * es + l * N * es + B * 2 * inp["slots"].element_size() + q * l * 8
    floor_us = 1e6 * moved / bw
    row = dict(B=B, N=N, D=D, l=l, d=d, P=P, dtype=str(dtype)[6:], qualifying=q, eager_us=eager_us,
               kernel_us=kernel_us, floor_us=floor_us, bytes=moved)
    results["op"].append(row)
    print(f"B={B:5} N={N:3} D={D:4} l/d={l}/{d} P={P:4} {row['dtype']:>8} q={q:5}  {eager_us:8.1f} | "
          f"{kernel_us:8.1f} | {floor_us:8.2f} | {kernel_us / floor_us:6.1f}x")

out = os.path.join(os.environ.get("OUT", "."), "gpu_check.json")
with open(out, "w") as fh:
    json.dump(results, fh, indent=1)
print(f"\nwritten: {out}")
EOF
bench_rc=$?
echo "gpu_check: tests rc=$tests_rc, bench rc=$bench_rc"
exit $(( tests_rc != 0 || bench_rc != 0 ))
