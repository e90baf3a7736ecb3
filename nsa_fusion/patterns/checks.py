"""``extra_check``s: what the matcher's re-trace cannot prove, verified on ``node.meta["val"]``.

Each check returns ``(ok, reason)``; the pass counts and logs every refusal with its reason, and
``nsa_fusion.explain`` shows it.  False fusions are the worst bug here, so every rule errs on the
side of refusing.
"""
from __future__ import annotations

import torch
from torch._inductor.pattern_matcher import Match

aten = torch.ops.aten
prims = torch.ops.prims

FLOATS = (torch.float16, torch.bfloat16, torch.float32)
INTS = (torch.int32, torch.int64)

# Ops that change neither values nor their correspondence to [l, N] positions (shape bookkeeping).
_VIEW_OPS = {
    aten.unsqueeze.default, aten.view.default, aten.reshape.default, aten._unsafe_view.default,
    aten.permute.default, aten.t.default, aten.transpose.int, aten.squeeze.dim, aten.squeeze.dims,
    aten.squeeze.default, aten.clone.default, aten.alias.default, aten.expand.default,
    aten.detach.default, aten.contiguous.default,
}
_CAST_OPS = {prims.convert_element_type.default, aten._to_copy.default, aten.to.dtype}


def _val(node):
    return node.meta.get("val") if isinstance(node, torch.fx.Node) else None


def _same(a, b) -> bool:
    try:
        return bool(a == b)
    except Exception:  # unresolvable symbolic comparison: do not guess
        return False


def _shape_is(t, shape) -> bool:
    return t.dim() == len(shape) and all(_same(a, b) for a, b in zip(t.shape, shape))


def weight_source(node: torch.fx.Node, target_dtype: torch.dtype):
    """Follow ``node`` back through view ops and float casts to a graph input (parameter/buffer).

    Returns ``(source_node, None)`` or ``(None, reason)``.  Any other op on the way (a gate, a
    softmax, an add) makes the weight something other than a plain [l, N] parameter: refuse.  Some
    tensor on the way must have ``target_dtype`` (the op takes the weight in the input dtype, which
    is exact only if the values are representable there).
    """
    had_target_dtype = False
    for _ in range(32):
        val = _val(node)
        if not isinstance(val, torch.Tensor) or val.dtype not in FLOATS:
            return None, f"weight {node} is not a float tensor"
        had_target_dtype |= val.dtype == target_dtype
        if node.op in ("placeholder", "get_attr"):
            if not had_target_dtype:
                return None, (f"weight {node} is {val.dtype} but input is {target_dtype}: the fused op "
                              "takes the weight in the input dtype, which would round it")
            return node, None
        if node.op != "call_function":
            return None, f"weight comes from {node.op} {node}"
        if node.target in _CAST_OPS or node.target in _VIEW_OPS:
            pass
        elif node.target == aten.slice.Tensor and _shape_is(val, _val(node.args[0]).shape):
            pass  # a full slice, e.g. the ':' of weight[None, :, :, None]
        else:
            return None, (f"weight is computed by {node.target} (only view ops and float casts of an "
                          "[l, N] parameter fuse: a gate or bias on the weight is different math)")
        node = node.args[0]
    return None, "weight provenance chain too long"


def _statically_equal(a, b) -> bool:
    from torch.fx.experimental.symbolic_shapes import statically_known_true

    try:
        return bool(statically_known_true(a == b))
    except Exception:  # unresolvable symbolic comparison: do not guess
        return False


def sizes_agree(kwargs, names) -> tuple[bool, str]:
    """The size parameters a match bound (page size P, and the sizes some spellings put in shape
    lists: batch, heads, head_dim) are the sizes they stand for.  Under dynamic shapes the bound
    values are SymInt graph inputs: equality must be provable, not merely true for these inputs."""
    inp, table = _val(kwargs.get("input")), _val(kwargs.get("block_table"))
    if not (isinstance(inp, torch.Tensor) and inp.dim() == 4 and isinstance(table, torch.Tensor) and table.dim() == 2):
        return False, "missing tensor metadata on a matched input"
    meaning = {"P": (inp.shape[1], "the input's page size"), "heads": (inp.shape[2], "the input's head count"),
               "head_dim": (inp.shape[3], "the input's head dim"), "batch": (table.shape[0], "the batch size")}
    for name in names:
        want, what = meaning[name]
        got = kwargs.get(name)
        got = _val(got) if isinstance(got, torch.fx.Node) else got
        if got is None:
            # older torch drops literal scalars from the re-traced match: nothing to verify with
            return False, f"this torch does not report the matched {name}, so it cannot be verified"
        if not _statically_equal(got, want):
            return False, f"the spelling uses {name} = {got} where the contract needs {what} ({want})"
    return True, ""


# node.meta key of a node's NPU stream: torchair's own (its pattern pass re-labels with it), also set
# by fusion_pass.label_streams for our stages that run before torchair's
STREAM_LABEL = "stream_label"


def single_stream(match: Match) -> tuple[bool, str]:
    """All matched ops run on one stream.  torchair's ``npu_stream_switch`` scopes put ops on other
    NPU streams; one fused op would silently move them back (torchair's own register_replacement
    refuses such matches the same way)."""
    labels = {n.meta.get(STREAM_LABEL) for n in match.nodes if n.op == "call_function"}
    if len(labels) > 1:
        shown = sorted("default" if x is None else repr(x) for x in labels)
        return False, f"the composite spans NPU streams ({', '.join(shown)}): fusing would move work between streams"
    return True, ""


def check_compress(match: Match, pooling) -> tuple[bool, str]:
    """Checks for a stage-B match of ``pooling``."""
    kw = match.kwargs
    l, d = kw.get("l"), kw.get("d")
    inp, cache, lengths, slots, table = (_val(kw[k]) for k in ("input", "cache", "lengths", "slots", "block_table"))
    if not all(isinstance(t, torch.Tensor) for t in (inp, cache, lengths, slots, table)):
        return False, "missing tensor metadata on a matched input"
    if inp.dtype not in FLOATS or cache.dtype != inp.dtype:
        return False, f"cache dtype {cache.dtype} differs from input dtype {inp.dtype}"
    if slots.dtype not in INTS or lengths.dtype not in INTS or table.dtype not in INTS:
        return False, "slots, lengths and block_table must be int32/int64 tensors"
    if len({t.device for t in (inp, cache, lengths, slots, table)}) != 1:
        return False, "matched tensors live on different devices"
    from ..lowering import fuses_on

    worth, why = fuses_on(inp.device)
    if not worth:
        return False, why
    if not (isinstance(l, int) and isinstance(d, int)) or l < d or d <= 0:
        return False, f"window length {l} / stride {d} are not constants with l >= d > 0"
    if not pooling.casts and inp.dtype != torch.float32:
        return False, (f"{pooling.name} on {inp.dtype} multiplies/accumulates in {inp.dtype}, not fp32 with "
                       "one rounding: different math from the fused op")
    if pooling.weight_layout == "mean":
        if l & (l - 1):
            return False, f"mean over l={l}: 1/l is not exact, so sum*(1/l) != sum/l (only powers of two fuse)"
        return True, ""
    w = _val(kw["weight"])
    N = inp.shape[2]
    want = {"bcast": None, "bmm": (N, l, 1)}[pooling.weight_layout]
    if want is None:
        if not (_shape_is(w, (l, N, 1)) or _shape_is(w, (1, l, N, 1))):
            return False, f"weight broadcasts as {tuple(w.shape)}, not [l, N, 1] = [{l}, {N}, 1]"
    elif not _shape_is(w, want):
        return False, f"weight shape {tuple(w.shape)} is not {list(want)}"
    _, reason = weight_source(kw["weight"], inp.dtype)
    if reason:
        return False, reason
    return True, ""
