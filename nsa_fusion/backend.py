"""torch.compile backends: torchair + the pass on Ascend, Inductor + the pass elsewhere.

* :func:`nsa_fusion_backend` — Inductor (``compile_fx``) with :class:`NsaFusionPass` installed as the
  post-grad custom pre-pass for the duration of the compile, chained with any pass the user set.
  Registered as ``torch.compile(m, backend="nsa_fusion")`` (entry point ``torch_dynamo_backends``).
* :func:`get_npu_backend` / :data:`npu_backend` — torchair's backend when torchair is importable and
  either an NPU is present or the caller passed a torchair ``CompilerConfig``; Inductor otherwise.
  Under torchair the pass runs in the ``CompilerConfig``'s ``post_grad_custom_pre_pass``.
* :func:`enable_inductor` — opt-in for users of the default ``"inductor"`` backend.
"""
from __future__ import annotations

import functools
import hashlib

import torch

from . import bound_inputs, diagnostics
from .fusion_pass import NsaFusionPass
from .rewrite import INDUCTOR, TORCHAIR


class ChainedPass(torch._inductor.custom_graph_pass.CustomGraphPass):
    """Run ``first`` then ``second`` (the user's own pass); the uuid covers both so the FX graph
    cache never serves a graph compiled with a different chain."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def __call__(self, graph):
        bound_inputs.run_pass(graph, self.first)  # (module buffers the backend offers: bound_inputs)
        if self.second is not None:
            self.second(graph)

    def uuid(self):
        parts = [bound_inputs.cache_key()]
        for p in (self.first, self.second):
            if p is None:
                parts.append("none")
            elif hasattr(p, "uuid"):
                parts.append(str(p.uuid()))
            else:  # a plain callable: no stable identity, so Inductor's cache must not be trusted
                return None
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


_inductor_pass = NsaFusionPass(INDUCTOR, reinplace=True)


def _chain_with_user_pass():
    user = torch._inductor.config.post_grad_custom_pre_pass
    if isinstance(user, ChainedPass) and user.first is _inductor_pass:
        return user  # already installed (enable_inductor)
    return ChainedPass(_inductor_pass, user)


class _KeepZeroStarts(torch._inductor.custom_graph_pass.CustomGraphPass):
    """Inductor joint-graph pre-pass: the zero a written-out sum starts from is kept (``patterns.pooling.
    keep_zero_starts``: Inductor's ``remove_no_ops`` would drop it, and the in-order loop from zeros could not
    be told from one started at its first product)."""

    def __call__(self, graph):
        from .patterns.pooling import keep_zero_starts

        keep_zero_starts(graph)

    def uuid(self):
        from torch._inductor.custom_graph_pass import get_hash_for_files

        from .patterns import pooling

        return get_hash_for_files((pooling.__file__,)).hex()


_keep_zero_starts = _KeepZeroStarts()


def _with_zero_starts():
    from torch._inductor.custom_graph_pass import get_custom_graph_passes

    user = get_custom_graph_passes(torch._inductor.config.joint_custom_pre_pass)
    return user if _keep_zero_starts in user else (_keep_zero_starts, *user)


def with_fusion_passes():
    """Inductor's config with the pass installed, for one compile: the fusion pass first among the post-grad
    pre-passes and the zero starts of written-out sums kept in the joint graph (the user's own passes still
    run, after ours).  Also ``emulate_precision_casts``: Inductor otherwise keeps an fp16/bf16 round trip of the
    user's code in fp32 where it lies inside one kernel, and which intermediates a kernel boundary rounds depends
    on how Inductor fuses around the step; replacing a step by the op moves those boundaries, so a model whose
    attention rounds ``x.to(fp16)`` matched eager unfused and differed by an ulp fused (red-team 13 F2).  With the
    casts emulated the compiled model rounds where eager does, fused or not."""
    return torch._inductor.config.patch(post_grad_custom_pre_pass=_chain_with_user_pass(),
                                        joint_custom_pre_pass=_with_zero_starts(), emulate_precision_casts=True)


def nsa_fusion_backend(gm: torch.fx.GraphModule, example_inputs, **kwargs):
    """Inductor with the fusion pass (the user's own post-grad pre-pass still runs, after ours).

    A graph Inductor serves from its FX graph cache (or AOTAutograd's cache) was fused when it was
    compiled; the pass's counts are stored with it and replayed on the hit, so ``nsa_fusion.stats``
    counts it like a fresh compile, plus ``stats["cached"]`` (see :mod:`nsa_fusion.diagnostics`).
    Small integer module buffers are offered to the pass (:mod:`nsa_fusion.bound_inputs`)."""
    return bound_inputs.checked_compile(_compile_fx_with_pass, gm, example_inputs, **kwargs)


def _compile_fx_with_pass(gm, example_inputs, **kwargs):
    from torch._inductor.compile_fx import compile_fx

    with with_fusion_passes():
        try:
            return compile_fx(gm, example_inputs, **kwargs)
        except Exception as exc:
            _raise_refusal(exc)
            raise


def _raise_refusal(exc: BaseException) -> None:
    """Strict mode: Inductor wraps what a pass raises in its own error; hand nsa_fusion's
    ``FusionRefused`` on as it is (dynamo does not wrap it again)."""
    if diagnostics.strict_enabled():
        from .explaining import refusal_of

        refusal = refusal_of(exc)
        if refusal is not None:
            raise refusal.with_traceback(None) from None


def enable_inductor() -> None:
    """Install the pass into Inductor's global config (for ``torch.compile(m)`` with the default
    backend).  Idempotent; chains with a pass already set there."""
    torch._inductor.config.post_grad_custom_pre_pass = _chain_with_user_pass()
    torch._inductor.config.joint_custom_pre_pass = _with_zero_starts()


def disable_inductor() -> None:
    """Undo :func:`enable_inductor`, restoring the user's own passes."""
    current = torch._inductor.config.post_grad_custom_pre_pass
    if isinstance(current, ChainedPass) and current.first is _inductor_pass:
        torch._inductor.config.post_grad_custom_pre_pass = current.second
    joint = torch._inductor.config.joint_custom_pre_pass
    if isinstance(joint, tuple) and _keep_zero_starts in joint:
        rest = tuple(p for p in joint if p is not _keep_zero_starts)
        torch._inductor.config.joint_custom_pre_pass = rest if len(rest) > 1 else rest[0] if rest else None


def _npu_present() -> bool:
    try:
        import torch_npu  # noqa: F401
    except Exception:
        return False
    return hasattr(torch, "npu") and torch.npu.is_available()


def _torchair_hook(user_pre):
    """Our ``CompilerConfig.post_grad_custom_pre_pass``, chained in front of the user's hook of the
    same name (torchair hooks take ``(gm, example_inputs, config)``): the whole pass on torchair's
    graph, before torchair's own pattern passes, so no plain write-back is left for GE to convert."""
    fusion = NsaFusionPass(TORCHAIR, reinplace=True)

    def pre(gm, example_inputs, config):
        from .lowering import npu

        npu.register_ge_converters()
        npu.register_npu_kernels()
        if bound_inputs.run_pass(gm.graph, fusion):
            gm.recompile()
        if user_pre is not None:
            user_pre(gm, example_inputs, config)

    pre.nsa_fusion_chained = True
    pre.user_hook = user_pre  # what a re-install chains again
    pre.fusion = fusion
    return pre


@functools.cache
def register_with_torchair() -> bool:
    """Register the pass in torchair's global pattern pass, so that *every* torchair compile in this
    process runs it, also one whose ``CompilerConfig`` nsa_fusion never sees (vllm-ascend's
    npugraph_ex/torchair path builds its own).  Each row write the global pass visits is handed to
    the recogniser (``NsaFusionPass.fuse_write``); writes our ``CompilerConfig`` hook already decided
    are skipped.  Idempotent; returns False where torchair does not import or keeps its pattern pass
    elsewhere (a private attribute: ``torchair.patterns.pattern_pass_manager._pattern_manager()``)."""
    try:
        from torchair.patterns.pattern_pass_manager import _pattern_manager
    except Exception:
        return False
    from torch._inductor.pattern_matcher import MULTIPLE, CallFunctionVarArgs, register_graph_pattern

    from .patterns.optable import WRITES

    pass_dict = getattr(_pattern_manager(), "pass_dict", None)
    if pass_dict is None:
        return False
    fusion = _global_torchair_pass()

    def handler(match, *args, **kwargs):
        from .lowering import npu

        npu.register_ge_converters()
        npu.register_npu_kernels()
        fusion.fuse_write(match.output_node())

    register_graph_pattern(CallFunctionVarArgs(list(WRITES), users=MULTIPLE), pass_dict=pass_dict)(handler)
    return True


@functools.cache
def _global_torchair_pass():
    return NsaFusionPass(TORCHAIR, reinplace=True)


def install_into_compiler_config(config):
    """Chain the pass into a torchair ``CompilerConfig``'s ``post_grad_custom_pre_pass`` (idempotent;
    the user's own hook still runs, after ours).  Set your own pre-pass hook before calling this (or
    :func:`get_npu_backend`), or call it again after: a hook assigned afterwards replaces ours.
    Returns the config."""
    option = config.post_grad_custom_pre_pass
    user_pre = getattr(option, "value", option)  # torchair wraps it in a CallableValue option
    if getattr(user_pre, "nsa_fusion_chained", False):
        return config
    config.post_grad_custom_pre_pass = _torchair_hook(user_pre)  # setattr stores into the option
    return config


def get_npu_backend(compiler_config=None):
    """A ``torch.compile`` backend.  torchair (with the pass) when torchair imports and an NPU is
    present or ``compiler_config`` is given; otherwise Inductor with the pass."""
    if compiler_config is not None or _npu_present():
        try:
            import torchair
        except Exception:
            torchair = None
        if torchair is not None:
            if compiler_config is None:
                compiler_config = torchair.CompilerConfig()
            install_into_compiler_config(compiler_config)
            return _offering_buffers(torchair.get_npu_backend(compiler_config=compiler_config))
    return nsa_fusion_backend


def _offering_buffers(backend):
    """``backend`` with the graph's small integer module buffers offered to the pass (:mod:`.bound_inputs`)."""
    @functools.wraps(backend)
    def compile_offering(gm, example_inputs, **kwargs):
        return bound_inputs.checked_compile(backend, gm, example_inputs, **kwargs)

    return compile_offering


def npu_backend(gm, example_inputs, **kwargs):
    """``torch.compile(model, backend=nsa_fusion.npu_backend)``."""
    return _default_backend()(gm, example_inputs, **kwargs)


@functools.cache
def _default_backend():
    return get_npu_backend()
