"""Compile helpers shared by the fusion tests: one backend per graph dialect, each recording the graph
it produced, so tests assert on the *final* graph (fused op present, replaced ops gone), the number of
fusions, the outputs and the cache that was written.

Dialects:

* ``inductor``: the real thing, codegen included (slow: seconds per graph); the proof that Inductor's
  generated code holds one in-place call.
* ``inductor_graph``: Inductor's own pipeline up to and including its post-grad passes (ours among
  them), then the post-grad FX graph runs eagerly.  The same graph the pass sees under ``inductor``,
  at a fraction of the cost: used for the big corpora.
* ``torchair_like``: torchair's graph shape without torchair (AOT, no decompositions,
  ``keep_inference_input_mutations``), the pass, eager execution.
* real torchair is in ``test_torchair.py`` (``nsa_fusion.get_npu_backend(compiler_config=cfg)``).
"""
from __future__ import annotations

import os
import re

import pytest

import torch
from torch._functorch.aot_autograd import aot_module_simplified, make_boxed_func
from torch._inductor.utils import run_and_get_code

from nsa_fusion import bound_inputs, diagnostics
from nsa_fusion.backend import nsa_fusion_backend, with_fusion_passes
from nsa_fusion.fusion_pass import NsaFusionPass
from nsa_fusion.rewrite import TORCHAIR
from nsa_fusion.testing.formulations import mulsum_index_put

# The cost rule leaves small static CPU steps (below nsa_fusion.lowering.cost.NATIVE_MIN_ELEMENTS window
# elements) to Inductor; the suite and the corpora check recognition and numbers on small shapes, so they
# fuse those too (tests/test_cost.py tests the rule with this unset).  In os.environ: the processes the
# tests start inherit it.
os.environ.setdefault("NSA_FUSION_FUSE_SMALL", "1")


def unavailable(reason: str):
    """A dependency a test needs cannot be had here: a failure in CI (``CI=true``, where every
    dependency is installed on purpose), a skip elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)

FUSED_OP = "nsa_fusion.compress_infer_"


def no_compile_caches():
    """The pass (and so ``stats``) does not run when Inductor serves a graph from its caches."""
    return torch._inductor.config.patch(fx_graph_cache=False, fx_graph_remote_cache=False,
                                        autotune_local_cache=False)


class GraphRecorder:
    """``offers``: compile as nsa_fusion's backends do (module buffers offered, matmul settings checked before each
    call: ``bound_inputs.checked_compile``); False: as a pipeline that runs the pass alone (``enable_inductor``,
    vLLM's pass manager, torchair's global pattern pass)."""

    def __init__(self, offers: bool = True):
        self.graphs: list[torch.fx.GraphModule] = []
        self.offers = offers

    def _compile(self, compile_, gm, example_inputs):
        if self.offers:
            return bound_inputs.checked_compile(compile_, gm, example_inputs)
        return compile_(gm, example_inputs)

    def code(self) -> str:
        return "\n".join(g.code for g in self.graphs)


class InductorGraphBackend(GraphRecorder):
    """Inductor's AOT step, joint-graph and post-grad passes (with the fusion pass), no codegen."""

    def __call__(self, gm, example_inputs):
        from torch._inductor.compile_fx import _recursive_post_grad_passes, compile_fx, fake_tensor_prop
        from torch._inductor.fx_passes.post_grad import view_to_reshape
        from torch._inductor.virtualized import V

        def inner(g, inputs, **kwargs):
            view_to_reshape(g)
            fake_mode = fake_tensor_prop(g, inputs)
            with V.set_fake_mode(fake_mode):
                _recursive_post_grad_passes(g, is_inference=True)
            g.recompile()
            self.graphs.append(g)
            return make_boxed_func(g.forward)

        def compile_(gm, example_inputs):
            with with_fusion_passes():
                return compile_fx(gm, example_inputs, inner_compile=inner)

        return self._compile(compile_, gm, example_inputs)


class TorchairLikeBackend(GraphRecorder):
    """torchair's graph shape without torchair: AOT with no decompositions and
    ``keep_inference_input_mutations=True``, our pass, then the graph runs eagerly."""

    def __call__(self, gm, example_inputs):
        def fw(g, _inputs):
            bound_inputs.run_pass(g.graph, NsaFusionPass(TORCHAIR, reinplace=True))
            g.recompile()
            self.graphs.append(g)
            return g

        def compile_(gm, example_inputs):
            return aot_module_simplified(gm, example_inputs, fw_compiler=fw, decompositions={},
                                         keep_inference_input_mutations=True)

        return self._compile(compile_, gm, example_inputs)


def mark_batch_dynamic(args, positions=(2, 3, 4)):
    for i in positions:
        torch._dynamo.mark_dynamic(args[i], 0)


def compile_and_run(model, args, dialect: str, dynamic=False, batch_positions=(2, 3, 4), offers=True):
    """Compile ``model`` for ``dialect`` (see module docstring), run once on ``args``; returns
    (output, final code as text, fusion stats of this compile).  ``dynamic``: False, True (everything
    symbolic), or "batch" (``mark_dynamic`` on the batch dim of ``batch_positions``).  ``offers``: the graph
    dialects' backends as nsa_fusion's (True) or as a pipeline running the pass alone (:class:`GraphRecorder`)."""
    torch._dynamo.reset()
    diagnostics.reset()
    if dynamic == "batch":
        mark_batch_dynamic(args, batch_positions)
        dynamic = None
    with no_compile_caches():
        if dialect == "inductor":
            compiled = torch.compile(model, backend=nsa_fusion_backend, dynamic=dynamic, fullgraph=True)
            out, codes = run_and_get_code(compiled, *args)
            return out, "\n".join(codes), dict(diagnostics.stats)
        backend = {"inductor_graph": InductorGraphBackend, "torchair_like": TorchairLikeBackend}[dialect](offers)
        out = torch.compile(model, backend=backend, dynamic=dynamic, fullgraph=True)(*args)
    return out, backend.code(), dict(diagnostics.stats)


def strip_comments(code: str) -> str:
    return "\n".join(line.split("#", 1)[0] for line in code.splitlines())


def count_fused_calls(code: str) -> int:
    return strip_comments(code).count(FUSED_OP + ".default(")


def unfused_writes(code: str) -> list[str]:
    """Row writes left in the code (comments, e.g. Inductor's provenance notes, do not count)."""
    return re.findall(r"aten\.(?:index_put|index_copy|_unsafe_index_put|scatter)\b", strip_comments(code))


def rejections():
    return [e for e in diagnostics.events if e.kind == "rejected"]


def fused_calls_write_inputs(code: str) -> bool:
    """Every fused call in generated code writes a graph input (the cache itself: ``argN_1``), not a
    buffer (a clone of it), and nothing copies into a graph input."""
    import ast
    import re

    body = strip_comments(code)
    # each call is one line of the wrapper; parsed, since an argument may be a call itself (a mean
    # spelling's weight: reinterpret_tensor(<constant>, ...))
    calls = [ast.parse(line.strip()).body[0].value for line in body.splitlines() if "compress_infer_.default(" in line]
    writes_inputs = all(isinstance(c.args[5], ast.Name) and c.args[5].id.startswith(("arg", "primals")) for c in calls)
    return bool(calls) and writes_inputs and not re.search(r"\.copy_\(|aten\.copy_", body)


class AppendAndCompress(torch.nn.Module):
    """A decode step as plain-torch models write it: append the new token to the paged KV (an
    index_put, not a compression step), then compress the window."""

    def forward(self, kv, token, weight, slots, block_table, lengths, cache):
        P = kv.shape[1]
        pos = lengths - 1
        page = block_table.gather(1, (pos // P)[:, None].to(block_table.dtype))[:, 0]
        kv[page.long(), pos % P] = token
        return mulsum_index_put(kv, weight, slots, block_table, lengths, cache, 32, 16)
