"""torch.compile backends: torchair + the pass on Ascend, Inductor + the pass elsewhere.

* :func:`nsa_fusion_backend` — Inductor (``compile_fx``) with :class:`NsaFusionPass` installed as the
  post-grad custom pre-pass for the duration of the compile, chained with any pass the user set.
  Registered as ``torch.compile(m, backend="nsa_fusion")`` (entry point ``torch_dynamo_backends``).
* :func:`get_npu_backend` / :data:`npu_backend` — torchair's backend when torchair is importable and
  either an NPU is present or the caller passed a torchair ``CompilerConfig``; Inductor otherwise.
  Under torchair the pass is split around torchair's own pattern pass: stage A in the
  ``CompilerConfig``'s ``post_grad_custom_pre_pass``, stage B registered with
  ``torchair.register_replacement``, the rest in ``post_grad_custom_post_pass``.
* :func:`enable_inductor` — opt-in for users of the default ``"inductor"`` backend.
"""
from __future__ import annotations

import functools
import hashlib

import torch

from .fusion_pass import NsaFusionPass, register_compress_with_torchair
from .patterns import INDUCTOR, TORCHAIR


class ChainedPass(torch._inductor.custom_graph_pass.CustomGraphPass):
    """Run ``first`` then ``second`` (the user's own pass); the uuid covers both so the FX graph
    cache never serves a graph compiled with a different chain."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def __call__(self, graph):
        self.first(graph)
        if self.second is not None:
            self.second(graph)

    def uuid(self):
        parts = []
        for p in (self.first, self.second):
            if p is None:
                parts.append("none")
            elif hasattr(p, "uuid"):
                parts.append(str(p.uuid()))
            else:  # a plain callable: no stable identity, so Inductor's cache must not be trusted
                return None
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


_inductor_pass = NsaFusionPass(INDUCTOR)


def _chain_with_user_pass():
    user = torch._inductor.config.post_grad_custom_pre_pass
    if isinstance(user, ChainedPass) and user.first is _inductor_pass:
        return user  # already installed (enable_inductor)
    return ChainedPass(_inductor_pass, user)


def nsa_fusion_backend(gm: torch.fx.GraphModule, example_inputs, **kwargs):
    """Inductor with the fusion pass (the user's own post-grad pre-pass still runs, after ours)."""
    from torch._inductor.compile_fx import compile_fx

    with torch._inductor.config.patch(post_grad_custom_pre_pass=_chain_with_user_pass()):
        return compile_fx(gm, example_inputs, **kwargs)


def enable_inductor() -> None:
    """Install the pass into Inductor's global config (for ``torch.compile(m)`` with the default
    backend).  Idempotent; chains with a pass already set there."""
    torch._inductor.config.post_grad_custom_pre_pass = _chain_with_user_pass()


def disable_inductor() -> None:
    """Undo :func:`enable_inductor`, restoring the user's own pass."""
    current = torch._inductor.config.post_grad_custom_pre_pass
    if isinstance(current, ChainedPass) and current.first is _inductor_pass:
        torch._inductor.config.post_grad_custom_pre_pass = current.second


def _npu_present() -> bool:
    try:
        import torch_npu  # noqa: F401
    except Exception:
        return False
    return hasattr(torch, "npu") and torch.npu.is_available()


def _torchair_pattern_pass_on(config) -> bool:
    option = getattr(getattr(config, "experimental_config", None), "pattern_fusion_pass", None)
    return True if option is None else bool(option)  # as torchair tests it (OptionValue.value is a string)


def _torchair_hooks(user_pre, user_post):
    """Our ``CompilerConfig`` hooks, each chained in front of the user's hook of the same name
    (torchair hooks take ``(gm, example_inputs, config)``).  The pass runs in three places:

    * ``post_grad_custom_pre_pass`` (ours): stage A, paged window gathers -> ``window_gather``;
    * torchair's own pattern pass: stage B, registered with ``torchair.register_replacement``;
    * ``post_grad_custom_post_pass`` (ours): report, restore what did not fuse, write the cache in
      place.

    The pre-pass runs stage B itself where torchair will not: its ``experimental_config.
    pattern_fusion_pass`` is off (a switch for torchair's own fusions; ``NSA_FUSION_DISABLE`` is this
    pass's) or registration is not possible.  It runs the whole pass where our post-pass is no longer
    installed (the user assigned their own hook afterwards): a half-run pass would leave
    ``window_gather`` nodes GE cannot convert.
    """
    fusion = NsaFusionPass(TORCHAIR, reinplace=True)

    def pre(gm, example_inputs, config):
        from .lowering import npu

        npu.register_ge_converters()
        npu.register_npu_kernels()
        if getattr(config.post_grad_custom_post_pass, "value", None) is not post:
            fusion(gm.graph)
        elif fusion.begin(gm.graph):
            torchair_runs_stage_b = _torchair_pattern_pass_on(config) and register_compress_with_torchair()
            if not torchair_runs_stage_b:
                fusion.fuse(gm.graph)
        gm.recompile()
        if user_pre is not None:
            user_pre(gm, example_inputs, config)

    def post(gm, example_inputs, config):
        fusion.finish(gm.graph)
        gm.recompile()
        if user_post is not None:
            user_post(gm, example_inputs, config)

    pre.nsa_fusion_chained = post.nsa_fusion_chained = True
    pre.user_hook, post.user_hook = user_pre, user_post  # what a re-install chains again
    return pre, post


def install_into_compiler_config(config):
    """Chain the pass into a torchair ``CompilerConfig``'s pre- and post-pass hooks (idempotent;
    the user's own hooks still run, after ours).  Set your own hooks before calling this (or
    :func:`get_npu_backend`), or call it again after: a pre-pass hook assigned afterwards replaces
    ours, a post-pass hook assigned afterwards makes our pre-pass run the whole pass.  Returns the
    config."""
    def hook(name):
        option = getattr(config, name)
        return getattr(option, "value", option)  # torchair wraps it in a CallableValue option

    user_pre, user_post = hook("post_grad_custom_pre_pass"), hook("post_grad_custom_post_pass")
    if getattr(user_pre, "nsa_fusion_chained", False) and getattr(user_post, "nsa_fusion_chained", False):
        return config
    user_pre = getattr(user_pre, "user_hook", user_pre)
    user_post = getattr(user_post, "user_hook", user_post)
    pre, post = _torchair_hooks(user_pre, user_post)
    config.post_grad_custom_pre_pass = pre  # setattr stores into the option
    config.post_grad_custom_post_pass = post
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
            return torchair.get_npu_backend(compiler_config=compiler_config)
    return nsa_fusion_backend


def npu_backend(gm, example_inputs, **kwargs):
    """``torch.compile(model, backend=nsa_fusion.npu_backend)``."""
    return _default_backend()(gm, example_inputs, **kwargs)


@functools.cache
def _default_backend():
    return get_npu_backend()
