"""How the op is put together (issue 20): defined once in ``ops.py``, kernels registering themselves
on it in one direction, the CPU kernel in C++ on the dispatcher (no Python between a compiled graph and
the kernel), a mutating op's version counter, and the native eager checks agreeing with the Python
ones message for message.

The native-kernel tests skip where the kernel cannot be built, except in CI (``CI=true``), where
that fails (unless ``NSA_FUSION_NO_NATIVE=1`` asks for no native kernel).
"""
from __future__ import annotations

import ast
import contextlib
import os
import pathlib
import sys

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nsa_fusion
from golden import golden_compress_infer
from nsa_fusion import _validation as V
from nsa_fusion.lowering import portable
from nsa_fusion.testing.formulations import make_inputs

OP = torch.ops.nsa_fusion.compress_infer_.default
PACKAGE = pathlib.Path(nsa_fusion.__file__).resolve().parent


@pytest.fixture(scope="module")
def native():
    from nsa_fusion.lowering import native_kernel

    module = native_kernel.load_native()
    if module is None:
        _, why = native_kernel.available()
        if os.environ.get("CI") == "true" and os.environ.get("NSA_FUSION_NO_NATIVE") != "1":
            pytest.fail(f"native kernel must build in CI: {why}")
        pytest.skip(f"native kernel unavailable: {why}")
    return module


def _args(inp, cache=None):
    return (inp["input"], inp["op_weight"], inp["slots"], inp["block_table"], inp["lengths"],
            inp["cache"] if cache is None else cache, inp["l"], inp["d"], inp["P"])


def _golden(inp):
    return golden_compress_infer(inp["input"], inp["op_weight"], inp["slots"], inp["l"], inp["d"], inp["P"],
                                 block_table=inp["block_table"], actual_seq_len=inp["lengths"], cache=inp["cache"])


# ----------------------------------------------------------------------------------------------------
# one-way module structure
# ----------------------------------------------------------------------------------------------------
def _module_level_imports(path: pathlib.Path) -> set[str]:
    """nsa_fusion modules imported at module level (not inside functions), as dotted names."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
    package = parts if rel.name == "__init__" else parts[:-1]
    found = set()

    def visit(body):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if isinstance(node, ast.ImportFrom):
                base = package[:len(package) - node.level + 1] if node.level else []
                mod = base + (node.module.split(".") if node.module else [])
                if mod and mod[0] == "nsa_fusion":
                    for alias in node.names:  # "from . import x" may name a submodule
                        sub = ".".join(mod + [alias.name])
                        found.add(sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists() else ".".join(mod))
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("nsa_fusion"))
            for field in ("body", "orelse", "finalbody", "handlers"):
                if isinstance(getattr(node, field, None), list):
                    visit(getattr(node, field))

    visit(ast.parse(path.read_text()).body)
    return found


def test_op_definition_imports_no_kernel_and_kernels_import_one_way():
    files = [PACKAGE / "ops.py", PACKAGE / "_validation.py", *sorted((PACKAGE / "lowering").glob("*.py"))]
    graph = {}
    for f in files:
        name = ".".join(f.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        graph[name] = {m for m in _module_level_imports(f) if m != name}
    assert not {m for m in graph["nsa_fusion.ops"] if m.startswith("nsa_fusion.lowering")}, graph["nsa_fusion.ops"]
    assert "nsa_fusion.ops" in graph["nsa_fusion.lowering.portable"]  # kernels register on the op

    def cycle_from(node, path):
        for nxt in graph.get(node, ()):
            if nxt in path:
                return path[path.index(nxt):] + [nxt]
            found = cycle_from(nxt, path + [nxt])
            if found:
                return found
        return None

    for start in graph:
        assert cycle_from(start, [start]) is None, f"import cycle: {' -> '.join(cycle_from(start, [start]))}"


# ----------------------------------------------------------------------------------------------------
# the CPU kernel sits on the dispatcher, in C++
# ----------------------------------------------------------------------------------------------------
def _kernel_source(key: str) -> str:
    for line in torch._C._dispatch_dump("nsa_fusion::compress_infer_").splitlines():
        if line.startswith(key + ":"):
            return line
    return ""


def test_cpu_and_autograd_kernels_are_registered_in_cpp(native):
    assert "nsa_compress.cpp" in _kernel_source("CPU")
    assert "nsa_compress.cpp" in _kernel_source("AutogradCPU")
    assert "ops.py" in _kernel_source("Meta")  # the fake kernel


def _python_frames(fn):
    frames = []

    def profile(frame, event, arg):
        if event == "call":
            frames.append(f"{frame.f_code.co_filename}:{frame.f_code.co_name}")

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return frames


def test_no_python_between_the_op_call_and_the_native_kernel(native):
    inp = make_inputs(B=8, qualifying="all")
    cache = inp["cache"].clone()
    args = _args(inp, cache)
    OP(*args)  # warm
    frames = _python_frames(lambda: OP(*args))[1:]  # [0] is the lambda
    assert all(f.endswith("_ops.py:__call__") for f in frames), frames  # OpOverload.__call__ only
    assert torch.equal(cache, _golden(inp))


def test_no_python_kernel_code_in_a_compiled_graph_call(native):
    inp = make_inputs(B=8, qualifying="some")

    def step(cache):
        return nsa_fusion.compress_infer(inp["input"], inp["op_weight"], inp["slots"], inp["l"], inp["d"], inp["P"],
                                         block_table=inp["block_table"], actual_seq_len=inp["lengths"], cache=cache)

    torch._dynamo.reset()
    compiled = torch.compile(step, fullgraph=True)
    cache = inp["cache"].clone()
    compiled(cache)
    cache = inp["cache"].clone()
    frames = _python_frames(lambda: compiled(cache))
    ours = [f for f in frames if str(PACKAGE) in f or "torch/_library" in f]
    assert not ours, ours  # no nsa_fusion Python, no custom-op Python wrappers per call
    assert torch.equal(cache, _golden(inp))


@pytest.mark.parametrize("pure_torch", [False, True], ids=["native", "pure_torch"])
def test_the_op_bumps_the_version_of_the_cache_and_runs_in_inference_mode(pure_torch, native):
    inp = make_inputs(B=6, qualifying="all")
    cache = inp["cache"].clone()
    before = cache._version
    with portable.pure_torch_cpu() if pure_torch else contextlib.nullcontext():
        OP(*_args(inp, cache))
        assert cache._version > before  # a mutating op, like a native in-place one
        with torch.inference_mode():
            inference_cache = inp["cache"].clone()
            OP(*_args(inp, inference_cache))
    assert torch.equal(cache, _golden(inp)) and torch.equal(inference_cache, _golden(inp))


def test_pure_torch_cpu_swaps_the_kernel_and_restores_it(native):
    inp = make_inputs(B=6, qualifying="some", dtype=torch.bfloat16)
    expected = _golden(inp)
    with portable.pure_torch_cpu():
        assert "portable.py" in _kernel_source("CPU")
        cache = inp["cache"].clone()
        nsa_fusion.compress_infer(inp["input"], inp["op_weight"], inp["slots"], inp["l"], inp["d"], inp["P"],
                                  block_table=inp["block_table"], actual_seq_len=inp["lengths"], cache=cache)
        assert torch.equal(cache, expected)
        torch.library.opcheck(OP, _args(inp, inp["cache"].clone()))
    assert "nsa_compress.cpp" in _kernel_source("CPU")


# ----------------------------------------------------------------------------------------------------
# native eager checks == Python checks
# ----------------------------------------------------------------------------------------------------
def _raised(fn):
    try:
        fn()
    except (ValueError, TypeError, IndexError) as exc:
        return exc
    return None


CORRUPTIONS = ["none", "negative_length", "over_capacity", "over_capacity_qualifying", "slot_minus_one",
               "slot_num_slots", "duplicate_slot", "page_minus_one", "page_block_num", "pad_slot_on_idle_row",
               "pad_page_on_idle_row"]


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(B=st.integers(1, 24), qualifying=st.sampled_from(["none", "some", "all"]),
       what=st.lists(st.sampled_from(CORRUPTIONS), min_size=1, max_size=3), seed=st.integers(0, 2 ** 16),
       index_dtype=st.sampled_from([torch.int32, torch.int64]))
def test_native_value_checks_agree_with_the_python_ones(native, B, qualifying, what, seed, index_dtype):
    inp = make_inputs(B=B, N=2, D=16, l=32, d=16, P=64, pages_per_seq=3, qualifying=qualifying, seed=seed,
                      index_dtype=index_dtype)
    g = torch.Generator().manual_seed(seed)
    lens, slots, table = inp["lengths"], inp["slots"], inp["block_table"]
    capacity, block_num, num_slots = table.shape[1] * 64, inp["input"].shape[0], inp["cache"].shape[0]
    q = V.qualifying_mask(lens, 32, 16)
    rows = torch.randint(B, (len(what),), generator=g).tolist()
    for kind, b in zip(what, rows):
        qb = q.nonzero().flatten().tolist()
        idle = (~q).nonzero().flatten().tolist()
        if kind == "negative_length":
            lens[b] = -1
        elif kind == "over_capacity":
            lens[b] = capacity + 1
        elif kind == "over_capacity_qualifying":
            lens[b] = capacity + 16
        elif kind == "slot_minus_one":
            slots[b] = -1
        elif kind == "slot_num_slots":
            slots[b] = num_slots
        elif kind == "duplicate_slot" and len(qb) > 1:
            slots[qb[-1]] = slots[qb[0]]
        elif kind == "page_minus_one":
            table[b, (max(int(lens[b]), 1) - 1) // 64 if 0 < lens[b] <= capacity else 0] = -1
        elif kind == "page_block_num":
            table[b, 0] = block_num
        elif kind == "pad_slot_on_idle_row" and idle:
            slots[idle[0]] = -1
        elif kind == "pad_page_on_idle_row" and idle:
            table[idle[0], :] = -1
    args = _args(inp)
    python = _raised(lambda: V.check_values(inp["input"], inp["op_weight"], slots, 32, 16, 64, table, lens,
                                            inp["cache"]))
    cache = inp["cache"].clone()
    ours = _raised(lambda: native.compress_checked_(*args[:5], cache, 32, 16, 64, True))
    assert type(ours) is type(python), (python, ours)
    if python is not None:
        assert str(ours).splitlines()[0] == str(python).splitlines()[0]
        assert torch.equal(cache, inp["cache"])  # nothing written
    else:
        assert torch.equal(cache, _golden(inp))


SIGNATURE_CASES = [
    ("input", lambda c: c.update(input=c["input"][0])),
    ("input", lambda c: c.update(input=c["input"].double())),
    ("weight", lambda c: c.update(op_weight=c["op_weight"][:16])),
    ("weight", lambda c: c.update(op_weight=c["op_weight"].float())),
    ("cache", lambda c: c.update(cache=c["cache"][..., :8])),
    ("cache", lambda c: c.update(cache=c["cache"].float())),
    ("slot_mapping", lambda c: c.update(slots=c["slots"][:, None])),
    ("slot_mapping", lambda c: c.update(slots=c["slots"].float())),
    ("slot_mapping", lambda c: c.update(slots=c["slots"].tolist())),
    ("block_table", lambda c: c.update(block_table=c["block_table"][:2])),
    ("block_table", lambda c: c.update(block_table=c["block_table"][:, :0])),
    ("block_table", lambda c: c.update(block_table=c["block_table"].float())),
    ("block_table", lambda c: c.update(block_table=None)),
    ("actual_seq_len", lambda c: c.update(lengths=c["lengths"][:2])),
    ("actual_seq_len", lambda c: c.update(lengths=c["lengths"].float())),
    ("compress_block_size", lambda c: c.update(l=8)),
    ("compress_block_size", lambda c: c.update(l=True)),
    ("compress_stride", lambda c: c.update(d=0)),
    ("page_block_size", lambda c: c.update(P=32)),
]


@pytest.mark.parametrize("checks", [True, False], ids=["values_on", "values_off"])
@pytest.mark.parametrize("arg,mutate", SIGNATURE_CASES, ids=[f"{i:02d}-{a}" for i, (a, _) in enumerate(SIGNATURE_CASES)])
def test_eager_call_signature_errors_match_the_python_checks(native, arg, mutate, checks):
    c = make_inputs(B=4, qualifying="all")
    mutate(c)
    python = _raised(lambda: V.check_signature(c["input"], c["op_weight"], c["slots"], c["l"], c["d"], c["P"],
                                               c["block_table"], c["lengths"], c["cache"]))
    assert python is not None and arg in str(python)
    before = c["cache"].clone()
    previous = nsa_fusion.set_value_checks(checks)
    try:
        ours = _raised(lambda: nsa_fusion.compress_infer(c["input"], c["op_weight"], c["slots"], c["l"], c["d"], c["P"],
                                                         block_table=c["block_table"], actual_seq_len=c["lengths"],
                                                         cache=c["cache"]))
    finally:
        nsa_fusion.set_value_checks(previous)
    assert type(ours) is type(python) and arg in str(ours), (python, ours)
    assert torch.equal(c["cache"], before)


def test_list_lengths_take_the_native_checks_too(native):
    inp = make_inputs(B=5, qualifying="all")
    inp["slots"][3] = inp["slots"][1]
    before = inp["cache"].clone()
    with pytest.raises(ValueError, match="slot_mapping values .* must be unique"):
        nsa_fusion.compress_infer(inp["input"], inp["op_weight"], inp["slots"], 32, 16, 64,
                                  block_table=inp["block_table"], actual_seq_len=inp["lengths"].tolist(),
                                  cache=inp["cache"])
    assert torch.equal(inp["cache"], before)
