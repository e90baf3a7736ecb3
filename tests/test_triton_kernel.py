"""The Triton kernel of the op (``nsa_fusion/lowering/triton_kernel.py``), bit-exact to the golden.

Here it runs in Triton's interpreter (``TRITON_INTERPRET=1`` on CPU tensors; the ``triton`` wheel comes
with the test extra); tests marked ``cuda`` run it compiled on a GPU and skip cleanly without one.

``TRITON_INTERPRET`` is set per test (``monkeypatch``), not for the session: Triton reads it whenever a
function is jitted, and the kernel is jitted on first launch, once per mode.  Inductor's own Triton
helpers are jitted when their module is first imported, so that module is imported below, before any
test sets the variable; otherwise it would stay interpreted for the rest of the run (and break
compiled CUDA graphs in the ``cuda`` tests).

Kept small: the interpreter runs each Triton operation as a numpy call per program, so every case
here has a few batch rows, heads and head-dim elements; together about half a minute on the 2-core
CI machine.
"""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import textwrap

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nsa_fusion
from golden import golden_compress_infer, qualifies

try:
    import triton  # noqa: F401

    with contextlib.suppress(ImportError):  # see the module docstring
        import torch._inductor.runtime.triton_helpers  # noqa: F401
    _TRITON = ""
except ImportError as exc:
    _TRITON = f"triton is not installed ({exc}); pip install '.[test]'"

from nsa_fusion import lowering  # noqa: E402
from nsa_fusion.lowering import triton_kernel as tk  # noqa: E402  (registers the kernel)

F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32
I32, I64 = torch.int32, torch.int64
DTYPES = [F16, BF16, F32]
_BITS = {F16: torch.int16, BF16: torch.int16, F32: torch.int32}
HAS_CUDA = torch.cuda.is_available()


@pytest.fixture(autouse=True)
def _triton_mode(request, monkeypatch):
    """Interpreter for the CPU tests, compiled kernels for the ``cuda`` ones; triton is required in CI."""
    if _TRITON:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the Triton kernel tests must run in CI: {_TRITON}")
        pytest.skip(_TRITON)
    if request.node.get_closest_marker("cuda"):
        monkeypatch.delenv("TRITON_INTERPRET", raising=False)
    else:
        monkeypatch.setenv("TRITON_INTERPRET", "1")


@pytest.fixture
def forced():
    """``force_triton_lowering(True)`` for one test (CPU tensors take the Triton kernel)."""
    previous = lowering.force_triton_lowering(True)
    try:
        yield
    finally:
        lowering.force_triton_lowering(previous)


@pytest.fixture
def launches(monkeypatch):
    """Every launch of the Triton kernel, by device type: proves the kernel ran, not the native one."""
    seen = []
    real = tk.compress

    def spy(input, *args):
        seen.append(input.device.type)
        return real(input, *args)

    monkeypatch.setattr(tk, "compress", spy)
    return seen


# --------------------------------------------------------------------------------------------------
# cases (built here, sharing no code with the package)
# --------------------------------------------------------------------------------------------------


def make(*, B=4, N=3, D=24, l=32, d=16, P=16, dtype=F16, index_dtype=I32, layout="contiguous",
         qualifying="some", extra_pages=1, seed=0, device="cpu"):
    """A valid case as a dict.  ``layout="strided"``: every tensor a non-contiguous view (KV as a slice
    of a head-major buffer, cache with a head-dim step of 2, weight transposed, index tensors strided).
    ``qualifying``: "none" | "some" | "all" | "random"."""
    g = torch.Generator().manual_seed(seed)
    max_pages = -(-l // P) + extra_pages
    block_num = B * max_pages + 2
    cap = max_pages * P
    num_slots = 2 * B + 3
    strided = layout == "strided"
    if strided:
        inp = torch.randn(block_num, N, P, D + 3, generator=g).to(dtype)[..., 1:D + 1].permute(0, 2, 1, 3)
        cache = torch.randn(N, num_slots, 2 * D, generator=g).to(dtype)[..., ::2].permute(1, 0, 2)
        weight = torch.randn(N, l, generator=g).to(dtype).t()
    else:
        inp = torch.randn(block_num, P, N, D, generator=g).to(dtype)
        cache = torch.randn(num_slots, N, D, generator=g).to(dtype)
        weight = torch.randn(l, N, generator=g).to(dtype)
    table = torch.randperm(block_num, generator=g)[:B * max_pages].reshape(B, max_pages).to(index_dtype)
    slots = torch.randperm(num_slots, generator=g)[:B].to(index_dtype)
    flags = {"none": [False] * B, "all": [True] * B, "some": [b % 2 == 0 for b in range(B)],
             "random": [bool(v) for v in torch.randint(0, 2, (B,), generator=g)]}[qualifying]
    lengths = torch.tensor([_length(q, l, d, cap, g) for q in flags], dtype=index_dtype)
    if strided:
        table = torch.stack([table, torch.full_like(table, -7)], 2).flatten(1)[:, ::2]
        slots = torch.stack([slots, slots], 1)[:, 1]
        lengths = torch.stack([lengths, lengths], 1)[:, 0]
    c = dict(input=inp, weight=weight, slots=slots, block_table=table, lengths=lengths, cache=cache,
             l=l, d=d, P=P)
    return {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in c.items()}


def _length(qualify, l, d, cap, g):
    if qualify:
        return l + d * int(torch.randint(0, (cap - l) // d + 1, (1,), generator=g))
    while True:
        s = int(torch.randint(0, cap + 1, (1,), generator=g))
        if not qualifies(s, l, d):
            return s


def golden(c, **over):
    c = {k: v.cpu() if isinstance(v, torch.Tensor) else v for k, v in dict(c, **over).items()}
    return golden_compress_infer(c["input"], c["weight"], c["slots"], c["l"], c["d"], c["P"],
                                 block_table=c["block_table"], actual_seq_len=c["lengths"], cache=c["cache"])


def launch(c, **over):
    c = dict(c, **over)
    tk.compress(c["input"], c["weight"], c["slots"], c["block_table"], c["lengths"], c["cache"],
                c["l"], c["d"], c["P"])


def assert_bits(actual: torch.Tensor, expected: torch.Tensor) -> None:
    """Bit for bit (so -0.0 != +0.0); NaN only where the golden has NaN (payloads may differ)."""
    actual, expected = actual.cpu(), expected.cpu()
    assert actual.dtype == expected.dtype and actual.shape == expected.shape
    nan = expected.isnan()
    assert torch.equal(actual.isnan(), nan), "NaN in different places"
    a, e = actual.view(_BITS[actual.dtype]), expected.view(_BITS[expected.dtype])
    bad = (a != e) & ~nan
    assert not bad.any(), (f"{int(bad.sum())} elements differ, first at {bad.nonzero()[0].tolist()}: "
                           f"{actual[bad][0].item()!r} vs golden {expected[bad][0].item()!r}")


def storage_snapshot(t: torch.Tensor) -> torch.Tensor:
    return torch.empty(0, dtype=t.dtype, device=t.device).set_(t.untyped_storage()).clone()


def assert_outside_view_untouched(view: torch.Tensor, before: torch.Tensor) -> None:
    """Elements of the view's storage that the view does not cover were not written."""
    now = torch.empty(0, dtype=view.dtype, device=view.device).set_(view.untyped_storage())
    outside = torch.ones(now.numel(), dtype=torch.bool, device=view.device)
    covered = torch.as_strided(torch.arange(now.numel(), device=view.device), view.shape, view.stride(),
                               view.storage_offset())
    outside[covered.flatten()] = False
    assert torch.equal(now[outside].view(_BITS[view.dtype]), before[outside].view(_BITS[view.dtype]))


def check(c, **over):
    """Launch on ``c``; the whole cache bit-exact to the golden (written rows and untouched ones)."""
    c = dict(c, **over)
    expected = golden(c)
    before = storage_snapshot(c["cache"])
    launch(c)
    assert_bits(c["cache"], expected)
    assert_outside_view_untouched(c["cache"], before)
    return sum(qualifies(int(s), c["l"], c["d"]) for s in c["lengths"].tolist())


# --------------------------------------------------------------------------------------------------
# the kernel under the interpreter: bit-exact to the golden
# --------------------------------------------------------------------------------------------------

SHAPES = [  # B, N, D, l, d, P: windows within a page, across pages, and l > P (over 3-5 pages)
    (4, 3, 24, 32, 16, 64),
    (5, 2, 40, 48, 16, 16),
    (3, 5, 8, 64, 32, 16),
]


# every dtype with every shape, each dtype contiguous and strided (the property test mixes them all)
EXACT = [(dtype, shape, ("contiguous", "strided")[(i + k) % 2])
         for i, dtype in enumerate(DTYPES) for k, shape in enumerate(SHAPES)]


@pytest.mark.parametrize("dtype,shape,layout", EXACT,
                         ids=[f"{str(t)[6:]}-l{s[3]}-d{s[4]}-P{s[5]}-{lay}" for t, s, lay in EXACT])
def test_bit_exact_every_dtype(dtype, shape, layout):
    B, N, D, l, d, P = shape
    c = make(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype, layout=layout, seed=B + l)
    if layout == "strided":
        assert not any(c[k].is_contiguous() for k in ("input", "weight", "slots", "block_table", "lengths", "cache"))
    assert check(c) > 0


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(dtype=st.sampled_from(DTYPES), ld=st.sampled_from([(16, 16), (32, 16), (48, 16), (64, 32), (40, 8), (7, 3),
                                                          (5, 1), (1, 1)]),
       P=st.sampled_from([4, 16, 64]), N=st.integers(1, 5), D=st.integers(1, 40), B=st.integers(1, 6),
       index_dtype=st.sampled_from([I32, I64]), layout=st.sampled_from(["contiguous", "strided"]),
       qualifying=st.sampled_from(["random", "all", "none", "some"]), extra_pages=st.integers(0, 2),
       seed=st.integers(0, 2 ** 31 - 1))
def test_property_bit_exact(dtype, ld, P, N, D, B, index_dtype, layout, qualifying, extra_pages, seed):
    """Any l, d, P (l > P: windows over many pages), any N and D (not multiples of the block sizes),
    int32/int64 indices, every tensor contiguous or strided."""
    l, d = ld
    c = make(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype, index_dtype=index_dtype, layout=layout,
             qualifying=qualifying, extra_pages=max(extra_pages, 1 if l % P else 0), seed=seed)
    check(c)


def test_many_head_and_head_dim_blocks():
    """A grid with several head blocks and head-dim blocks (N and D past one tile)."""
    c = make(B=2, N=20, D=100, l=8, d=8, P=16, dtype=BF16, qualifying="all")
    block_h, block_d = tk.block_sizes(20, 100)
    assert 20 / block_h > 1 and 100 / block_d > 1 and 100 % block_d  # partial blocks on both axes
    assert check(c) == 2


def _compile_for_hopper(dtype, options):
    """The kernel built for sm_90 as a launch builds it, with Triton's bundled LLVM and ptxas (no GPU
    needed): (PTX, SASS)."""
    from triton.backends.compiler import GPUTarget
    from triton.compiler import ASTSource

    kernel = tk._jitted()
    names = kernel.arg_names
    ty = {F16: "fp16", BF16: "bf16", F32: "fp32"}[dtype]
    pointers = dict(zip(names[:6], [f"*{ty}", f"*{ty}", "*i32", "*i32", "*i64", f"*{ty}"]))
    block_h, block_d = tk.block_sizes(4, 192)  # the README's decode step, specialised as a launch does:
    consts = {"BLOCK_H": block_h, "BLOCK_D": block_d, "IS_BF16": dtype == BF16, "UNROLL": tk.WINDOW_UNROLL,
              **dict.fromkeys(["sx3", "sw1", "s_slot", "sbt1", "s_len", "sc2"], 1)}  # unit strides: constants
    aligned = [*names[:6], "sx0", "sx1", "sx2", "sc0", "sc1", "D"]  # pointers, strides divisible by 16
    signature = {n: pointers.get(n, "constexpr" if n in consts else "i32") for n in names}
    src = ASTSource(fn=kernel, signature=signature, constexprs={(names.index(n),): v for n, v in consts.items()},
                    attrs={(names.index(n),): [["tt.divisibility", 16]] for n in aligned})
    compiled = triton.compile(src, target=GPUTarget("cuda", 90, 32), options=options)
    tools = os.path.join(os.path.dirname(triton.__file__), "backends", "nvidia", "bin")
    cubin = os.path.join(tempfile.mkdtemp(), "kernel.cubin")
    with open(cubin, "wb") as fh:
        fh.write(compiled.asm["cubin"])
    sass = subprocess.run([os.path.join(tools, "cuobjdump"), "-sass", cubin], capture_output=True, text=True,
                          check=True).stdout
    return compiled.asm["ptx"], sass


@pytest.mark.parametrize("dtype", [F16, BF16], ids=["fp16", "bf16"])
def test_compiled_for_the_gpu_without_fma(dtype, monkeypatch):
    """What the GPU runs, checked here: built with the launch's options, the window sum multiplies and
    adds separately (PTX mul.rn/add.rn, SASS FMUL/FADD, no FFMA), so each rounds as in the contract,
    subnormals are not flushed (no .ftz), and fp16 is rounded with cvt.rn (to nearest even).  The
    control shows that the check can fail: Triton's default (FP fusion on) contracts the same code
    into FMAs."""
    monkeypatch.delenv("TRITON_INTERPRET")
    ptx, sass = _compile_for_hopper(dtype, tk.LAUNCH_OPTIONS)
    assert "fma.rn.f32" not in ptx and "FFMA" not in sass
    assert ".ftz" not in ptx  # fp32 subnormals kept, as in the golden
    assert "mul.rn.f32" in ptx and "add.rn.f32" in ptx and "FMUL" in sass and "FADD" in sass
    if dtype == F16:
        assert "cvt.rn.f16x2.f32" in ptx or "cvt.rn.f16.f32" in ptx
        ptx_default, _ = _compile_for_hopper(dtype, {})
        assert "fma.rn.f32" in ptx_default


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # numpy overflow / invalid in the golden
@pytest.mark.parametrize("dtype", DTYPES, ids=["fp16", "bf16", "fp32"])
def test_ieee_specials_in_tokens(dtype):
    """NaN, +-inf, -0.0, subnormals and values near the dtype's max, in tokens and weights."""
    c = make(B=4, N=2, D=12, l=16, d=16, P=16, dtype=dtype, qualifying="all", seed=3)
    x, w = c["input"], c["weight"]
    info = torch.finfo(dtype)
    x[..., 0] = float("nan")
    x[..., 1] = float("inf")
    x[..., 2] = float("-inf")
    x[..., 3] = -0.0
    x[..., 4] = info.smallest_normal / 4  # subnormal tokens: products and sums of subnormals
    x[..., 5] = info.max  # overflows to inf in the sum
    x[..., 6] = -info.max / 3
    x[:, ::2, :, 7] = info.smallest_normal * 1.5
    w[0, 0] = 0.0  # 0 * inf = NaN in head 0's inf columns
    w[1, 1] = -0.0
    w[2:, 1] = info.smallest_normal  # subnormal products from normal tokens
    assert check(c) == 4


@pytest.mark.parametrize("dtype", DTYPES, ids=["fp16", "bf16", "fp32"])
def test_sum_starts_from_positive_zero(dtype):
    """Products that are all -0.0 sum to +0.0 (the sum starts from +0.0, as in the contract); a kernel
    that started from the first product would write -0.0."""
    c = make(B=3, N=2, D=8, l=16, d=8, P=16, dtype=dtype, qualifying="all", seed=4)
    c["input"].fill_(-0.0)
    c["weight"].abs_()
    c["weight"][0, 0] = 0.0
    assert check(c) == 3
    assert (c["cache"][c["slots"].long()].view(_BITS[dtype]) == 0).all()  # +0.0 bits


@pytest.mark.parametrize("dtype", [F16, BF16], ids=["fp16", "bf16"])
def test_one_rounding_to_nearest_even(dtype):
    """fp32 sums that lie exactly between two values of the cache dtype round to the even one, and a
    rounding that carries into the exponent is right (bf16: Triton's interpreter truncates its own
    cast; the kernel rounds on the bits, compiled and interpreted alike)."""
    mant = torch.finfo(dtype).eps  # spacing at 1.0
    c = make(B=1, N=1, D=6, l=2, d=2, P=16, dtype=dtype, qualifying="all", seed=5)
    c["lengths"][0] = 2
    c["weight"].fill_(1.0)
    page = int(c["block_table"][0, 0])
    first = torch.tensor([1.0, 1.0 + mant, 2.0 - mant, 1.0, -1.0, 3.0], dtype=dtype)
    second = torch.tensor([mant / 2, mant / 2, mant / 2, mant / 4, -mant / 2, mant], dtype=dtype)
    c["input"][page, 0, 0] = first
    c["input"][page, 1, 0] = second
    check(c)
    got = c["cache"][int(c["slots"][0]), 0].float()
    # ties to even: 1 + eps/2 -> 1; 1 + 3eps/2 -> 1 + 2eps; 2 - eps/2 -> 2 (carry into the exponent)
    assert got[:3].tolist() == [1.0, 1.0 + 2 * mant, 2.0]


def test_padding_on_rows_that_write_nothing():
    """Rows whose window does not complete may carry padding (slot -1, an out-of-range or shared slot,
    page ids -1 or past block_num): never read, nothing written for them."""
    c = make(B=6, N=2, D=16, l=16, d=16, P=16, dtype=F16, qualifying="some", seed=6)
    written = int(c["slots"][0])
    c["slots"][1], c["slots"][3], c["slots"][5] = -1, 10_000, written  # rows 1, 3, 5 do not qualify
    c["block_table"][1] = -1
    c["block_table"][3] = 10_000
    assert check(c) == 3


def test_out_of_range_ids_on_a_completing_row_skip_that_row():
    """A GPU kernel cannot raise without a host sync: a completing row with a page id, slot or length
    out of range writes nothing (no read or write outside the tensors), every other row is exact.
    Eager ``nsa_fusion.compress_infer`` reports such input before the op runs."""
    c = make(B=5, N=2, D=16, l=16, d=16, P=16, dtype=BF16, qualifying="all", extra_pages=2, seed=7)
    cap = c["block_table"].shape[1] * c["P"]
    page_col = (int(c["lengths"][0]) - 1) // c["P"]
    c["block_table"][0, page_col] = c["input"].shape[0]  # past block_num
    c["block_table"][1] = -3
    c["slots"][2] = c["cache"].shape[0]
    c["lengths"][3] = cap + c["d"]  # qualifies, past the block table's capacity
    valid = c["lengths"].clone()
    valid[:4] = 1  # what must happen: rows 0-3 untouched, row 4 written
    expected = golden(c, lengths=valid)
    launch(c)
    assert_bits(c["cache"], expected)


def test_empty_batch_and_nothing_qualifying():
    c = make(B=3, qualifying="none", seed=8)
    assert check(c) == 0
    empty = make(B=1, seed=8)
    before = empty["cache"].clone()
    launch(empty, slots=empty["slots"][:0], block_table=empty["block_table"][:0], lengths=empty["lengths"][:0])
    assert torch.equal(empty["cache"], before)


# --------------------------------------------------------------------------------------------------
# the switch, the registration, and the op through eager calls and compiled graphs
# --------------------------------------------------------------------------------------------------


def test_cuda_kernel_registered_on_the_op():
    assert torch._C._dispatch_has_kernel_for_dispatch_key("nsa_fusion::compress_infer_", "CUDA")


def test_force_switch_routes_cpu_tensors_to_the_kernel(forced, launches):
    c = make(B=4, N=2, D=16, dtype=BF16, qualifying="all", seed=9)
    expected = golden(c)
    out = nsa_fusion.compress_infer(c["input"], c["weight"], c["slots"], c["l"], c["d"], c["P"],
                                    block_table=c["block_table"], actual_seq_len=c["lengths"], cache=c["cache"])
    assert out is c["cache"] and launches == ["cpu"]
    assert_bits(c["cache"], expected)
    # switched off: the op's own CPU kernel again, same bits
    lowering.force_triton_lowering(False)
    c2 = make(B=4, N=2, D=16, dtype=BF16, qualifying="all", seed=9)
    torch.ops.nsa_fusion.compress_infer_(c2["input"], c2["weight"], c2["slots"], c2["block_table"], c2["lengths"],
                                         c2["cache"], c2["l"], c2["d"], c2["P"])
    assert launches == ["cpu"]
    assert_bits(c2["cache"], expected)


def test_forced_without_the_interpreter_says_so(forced, monkeypatch):
    monkeypatch.delenv("TRITON_INTERPRET")
    c = make(B=2, qualifying="all")
    with pytest.raises(RuntimeError, match="TRITON_INTERPRET=1"):
        launch(c)


def test_fuses_on_cuda_only_when_forced(forced):
    lowering.force_triton_lowering(False)
    ok, why = lowering.fuses_on(torch.device("cuda"))
    assert not ok and "cuda" in why and "Triton kernel" in why and "NSA_FUSION_FORCE_TRITON=1" in why
    lowering.force_triton_lowering(True)
    assert lowering.fuses_on(torch.device("cuda")) == (True, "")
    assert lowering.fuses_on(torch.device("cpu")) == (True, "")


def test_env_switch_in_a_fresh_process(tmp_path):
    """``NSA_FUSION_FORCE_TRITON=1``: read at import; the eager op on CPU tensors runs the kernel."""
    script = textwrap.dedent("""
        import torch, nsa_fusion
        from nsa_fusion import lowering
        from nsa_fusion.lowering import triton_kernel as tk
        assert lowering.triton_forced()
        seen = []
        real = tk.compress
        tk.compress = lambda *a: (seen.append(1), real(*a))[1]
        x = torch.arange(2 * 4 * 1 * 3, dtype=torch.float32).view(2, 4, 1, 3)
        cache = torch.zeros(2, 1, 3)
        nsa_fusion.compress_infer(x, torch.ones(2, 1), torch.tensor([1]), 2, 1, 4,
                                  block_table=torch.tensor([[1, 0]]), actual_seq_len=torch.tensor([5]), cache=cache)
        assert seen == [1], seen
        print(cache[1, 0].tolist())
    """)
    env = dict(os.environ, NSA_FUSION_FORCE_TRITON="1", TRITON_INTERPRET="1")
    proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=tmp_path,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    # tokens 3 and 4: page 0 (block 1) offset 3 = [21, 22, 23], page 1 (block 0) offset 0 = [0, 1, 2]
    assert proc.stdout.split("\n")[-2] == "[21.0, 23.0, 25.0]"


def _compressions_step(input, weight, slots, block_table, lengths, cache, l, d):
    """The composite in plain torch (mul + sum in fp32, one rounding, index_put_ of the completing rows)."""
    P = input.shape[1]
    pos = (lengths[:, None] - l + torch.arange(l, device=lengths.device)).clamp(min=0)
    tokens = input[block_table.gather(1, pos // P).long(), pos % P]
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
    valid = (lengths >= l) & ((lengths - l) % d == 0)
    rows = slots.long()
    cache.index_put_((rows,), torch.where(valid[:, None, None], pooled, cache[rows]))
    return cache


class Step(torch.nn.Module):
    def __init__(self, l, d):
        super().__init__()
        self.l, self.d = l, d

    def forward(self, input, weight, slots, block_table, lengths, cache):
        return _compressions_step(input, weight, slots, block_table, lengths, cache, self.l, self.d)


def _args(c):
    return [c[k] for k in ("input", "weight", "slots", "block_table", "lengths")]


def test_compiled_graph_runs_the_kernel_under_the_interpreter(forced, launches):
    """One small compile on CPU with the switch on: the pass fuses to the op (``target.triton``), the
    compiled graph launches the Triton kernel, in place, bit-exact to the golden."""
    c = make(B=4, N=2, D=16, l=32, d=16, P=16, dtype=F16, qualifying="some", seed=10)
    expected = golden(c)
    cache = c["cache"]
    nsa_fusion.stats.clear()
    torch._dynamo.reset()
    with torch._inductor.config.patch(fx_graph_cache=False):  # so that the pass runs (and stats see it)
        torch.compile(Step(32, 16), backend="nsa_fusion", fullgraph=True)(*_args(c), cache)
    assert nsa_fusion.stats["fused"] == 1 and nsa_fusion.stats["target.triton"] == 1, dict(nsa_fusion.stats)
    assert launches == ["cpu"]
    assert_bits(cache, expected)


# --------------------------------------------------------------------------------------------------
# on a GPU (pytest -m cuda; skipped without one)
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["contiguous", "strided"])
@pytest.mark.parametrize("B,N,D,l,d,P", SHAPES + [(64, 4, 192, 32, 16, 128), (33, 52, 128, 64, 32, 64)],
                         ids=lambda v: str(v))
@pytest.mark.parametrize("dtype", DTYPES, ids=["fp16", "bf16", "fp32"])
@pytest.mark.cuda
@pytest.mark.skipif(not HAS_CUDA, reason="needs a CUDA GPU")
def test_cuda_bit_exact(dtype, B, N, D, l, d, P, layout):
    """Compiled for the GPU (no FMA contraction, RNE casts): bit-exact like the interpreter."""
    c = make(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype, layout=layout, qualifying="random", seed=B, device="cuda")
    check(c)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("dtype", DTYPES, ids=["fp16", "bf16", "fp32"])
@pytest.mark.cuda
@pytest.mark.skipif(not HAS_CUDA, reason="needs a CUDA GPU")
def test_cuda_specials_and_rounding(dtype):
    c = make(B=8, N=2, D=64, l=16, d=16, P=16, dtype=dtype, qualifying="all", seed=12, device="cuda")
    info = torch.finfo(dtype)
    c["input"][..., 0] = float("nan")
    c["input"][..., 1] = float("inf")
    c["input"][..., 2] = info.smallest_normal / 4
    c["input"][..., 3] = info.max
    c["input"][..., 4] = -0.0
    c["weight"][0, 0] = 0.0
    # many-term sums whose fp32 result depends on two roundings per term (an FMA would differ)
    c["input"][..., 8:] = (torch.rand_like(c["input"][..., 8:], dtype=torch.float32) * 3 + 1).to(dtype)
    c["weight"][1:] = (1 / 3)
    check(c)


@pytest.mark.cuda
@pytest.mark.skipif(not HAS_CUDA, reason="needs a CUDA GPU")
def test_cuda_graph_capture_reads_lengths_on_every_replay():
    """The op captured once in a CUDA graph, replayed with new lengths: every replay exact."""
    c = make(B=8, N=4, D=64, l=32, d=16, P=64, dtype=BF16, extra_pages=2, seed=13, device="cuda")
    lengths = torch.tensor([3, 17, 31, 32, 47, 60, 90, 100], device="cuda", dtype=I32)
    ref = c["cache"].clone()
    stream = torch.cuda.Stream()
    stream.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(stream):  # warm-up (compiles the kernel) outside the capture
        launch(c, cache=ref.clone(), lengths=lengths)
    torch.cuda.current_stream().wait_stream(stream)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        launch(c, lengths=lengths)
    c["cache"].copy_(ref)
    for _ in range(48):
        expected = golden(c, cache=ref, lengths=lengths)
        graph.replay()
        torch.cuda.synchronize()
        assert_bits(c["cache"], expected)
        ref = c["cache"].clone()
        lengths.add_(1)


@pytest.mark.cuda
@pytest.mark.skipif(not HAS_CUDA, reason="needs a CUDA GPU")
def test_cuda_graph_decode_loop_reduce_overhead(forced, monkeypatch):
    """``torch.compile(step, mode="reduce-overhead")`` over 48 decode steps, lengths a device tensor
    that changes every step: one dynamo compile, one CUDA graph capture, no cudagraph skip, the fused
    op in the graph, and every step's cache bit-equal to the eager op's (and to the golden)."""
    from torch._dynamo.utils import counters
    from torch._inductor import cudagraph_trees

    captures = []
    real_record = cudagraph_trees.CUDAGraphTreeManager.record_function

    def record(self, *args, **kwargs):
        captures.append(1)
        return real_record(self, *args, **kwargs)

    monkeypatch.setattr(cudagraph_trees.CUDAGraphTreeManager, "record_function", record)
    c = make(B=8, N=4, D=64, l=32, d=16, P=64, dtype=F16, extra_pages=3, seed=14, device="cuda")
    lengths = torch.tensor([3, 17, 31, 32, 47, 60, 90, 100], device="cuda")
    fused, eager = c["cache"], c["cache"].clone()
    for t in (c["input"], c["weight"], c["block_table"], fused):
        torch._dynamo.mark_static_address(t)  # the cache is mutated: a static input keeps the graph
    nsa_fusion.stats.clear()
    counters.clear()
    torch._dynamo.reset()
    nsa_fusion.enable_inductor()
    written = 0
    try:
        with torch._inductor.config.patch(fx_graph_cache=False), torch._dynamo.config.patch(error_on_recompile=True):
            compiled = torch.compile(Step(32, 16), mode="reduce-overhead")
            for _ in range(48):
                expected = golden(c, cache=eager, lengths=lengths)
                nsa_fusion.compress_infer(c["input"], c["weight"], c["slots"], 32, 16, 64,
                                          block_table=c["block_table"], actual_seq_len=lengths, cache=eager)
                compiled(*_args(dict(c, lengths=lengths)), fused)
                written += sum(qualifies(int(s), 32, 16) for s in lengths.tolist())
                assert_bits(eager, expected)
                assert_bits(fused, eager)
                lengths = lengths + 1
    finally:
        nsa_fusion.disable_inductor()
    assert written >= 8 * 2
    assert nsa_fusion.stats["fused"] == 1 and nsa_fusion.stats["target.triton"] == 1, dict(nsa_fusion.stats)
    assert counters["inductor"]["cudagraph_skips"] == 0
    assert len(captures) == 1


@pytest.mark.cuda
@pytest.mark.skipif(not HAS_CUDA, reason="needs a CUDA GPU")
def test_cuda_left_to_inductor_unless_forced():
    """Without the switch the pass declines on CUDA (the kernel is not timed yet) and says why."""
    assert not lowering.triton_forced()
    c = make(B=4, N=2, D=32, l=16, d=16, P=16, qualifying="all", seed=15, device="cuda")
    report = nsa_fusion.explain(Step(16, 16), *_args(c), c["cache"], print_report=False)
    assert report.fused_count == 0
    assert any("Triton kernel" in e.reason for e in report.declined) and not report.refused  # on purpose
