"""Mutation check of the test suite: apply one mutation at a time, run the tests that should catch it,
report the survivors.  A mutation that no test catches marks a rule nothing proves.

    python tools/mutation_check.py            # every mutation
    python tools/mutation_check.py mask_range keep_bits   # some, by name
    python tools/mutation_check.py --list

Each mutation replaces one exact snippet of one source file (the script fails loudly if the snippet
is gone, so the list cannot rot silently) and names the pytest selection that must fail.  The file
is restored after every run, also on Ctrl-C.
"""
from __future__ import annotations

import argparse
import pathlib
import subprocess
import sys
import time
from typing import NamedTuple

ROOT = pathlib.Path(__file__).resolve().parents[1]


class Mutation(NamedTuple):
    name: str
    path: str
    old: str
    new: str
    tests: tuple  # pytest arguments that must fail with the mutation in place
    why: str


R = "tests/test_recognition.py"
F = "tests/test_fusion.py"
B = "tests/test_blind_corpora.py"
TA = "tests/test_torchair.py"
V = "nsa_fusion/patterns/verify.py"

MUTATIONS = [
    # --- recognition (issue 11) ----------------------------------------------------------------------
    Mutation("mask_not_compared", V, "        if not torch.equal(got, want):\n            bad = int(",
             "        if False:\n            bad = int(", (R + "::test_condition_wrong_at_a_single_length_is_refused_and_named",),
             "the mask is derived but never compared with the contract"),
    Mutation("mask_range_short", V, "        s = torch.arange(hi + 1)\n", "        s = torch.arange(min(hi, 100) + 1)\n",
             (R + "::test_condition_wrong_at_a_single_length_is_refused_and_named",),
             "the mask is checked on part of the lengths only"),
    Mutation("keep_not_compared", V, "                if not _bits_equal(got, want):\n                    raise Refused(\"keep\"",
             "                if False:\n                    raise Refused(\"keep\"",
             (R + "::test_blend_instead_of_select_is_refused_with_a_hint",
              F + "::test_near_miss_stays_unfused_and_correct"), "kept rows are never checked"),
    Mutation("keep_nan_equal", V, "        return torch.equal(a, b) and torch.equal(torch.signbit(a), torch.signbit(b))",
             "        return bool(torch.isclose(a.float(), b.float(), equal_nan=True).all())",
             (R + "::test_keep_branch_that_changes_the_bits_of_kept_rows_is_refused",), "bit comparisons become approximate"),
    Mutation("write_not_compared", V, "        if not _bits_equal(z, want):\n            raise Refused(\"write\"",
             "        if False:\n            raise Refused(\"write\"",
             (F + "::test_near_miss_stays_unfused_and_correct",), "the row write is never checked"),
    Mutation("keep_index_arithmetic", V, "            if n.op == \"call_function\" and T.is_int(n) and not (n.target in T.CASTS or n.target in T.VIEWS) \\\n",
             "            if False and n.op == \"call_function\" and T.is_int(n) and not (n.target in T.CASTS or n.target in T.VIEWS) \\\n", (R + "::test_keep_rows_read_at_other_indices_are_refused",),
             "kept rows read through slot arithmetic"),
    Mutation("products_of_tokens", V, "                if sum(1 for f in factors if f in tokens) > 1:",
             "                if sum(1 for f in factors if f in tokens) > 2:",
             (R + "::test_pooling_that_is_not_the_contract_is_refused_with_its_part",), "quadratic pooling accepted"),
    Mutation("arith_dtype", V, "            if T.dtype_of(n) != torch.float32:\n                raise Refused(\"dtype\", f\"{T.op_name(n)} computes in",
             "            if False:\n                raise Refused(\"dtype\", f\"{T.op_name(n)} computes in",
             (R + "::test_pooling_that_is_not_the_contract_is_refused_with_its_part",
              F + "::test_near_miss_stays_unfused_and_correct"), "fp16 products accepted"),
    Mutation("double_rounding", V, "                if n.target in T.ARITHMETIC:\n                    raise Refused(\"dtype\", \"arithmetic on a value already rounded",
             "                if False:\n                    raise Refused(\"dtype\", \"arithmetic on a value already rounded",
             (R + "::test_pooling_that_is_not_the_contract_is_refused_with_its_part",), "rounding twice accepted"),
    Mutation("probes_not_compared", V, "                alive = [k for k in alive if torch.equal(new, contract_pooled(tokens, cands[k]))]",
             "                alive = alive", (F + "::test_near_miss_stays_unfused_and_correct",
                                             R + "::test_pooling_that_is_not_the_contract_is_refused_with_its_part"),
             "gather + pooling never compared with the contract"),
    Mutation("computed_weight", V, "            if n is not leaf and n.op == \"call_function\" and not (T.is_data_movement(n) and n.target not in T.GATHERS):",
             "            if False:", (R + "::test_pooling_that_is_not_the_contract_is_refused_with_its_part",
                                      F + "::test_near_miss_stays_unfused_and_correct"), "a computed weight accepted"),
    Mutation("fp32_weight", V, "    if T.dtype_of(node) == dtype:\n        return True\n    if not _constant_leaf(node):\n        return False",
             "    return True", (R + "::test_fp32_weight_with_fp16_tokens_is_refused_because_the_op_would_round_it",),
             "a weight the op would round accepted"),
    Mutation("mean_any_l", V, "            return {(None, \"mean\"): torch.full((l, N), 1.0 / l, dtype=in_dtype)}",
             "            return {(None, \"mean\"): torch.full((l, N), 1.0 / l, dtype=torch.float32)}",
             (R + "::test_mean_over_a_power_of_two_window_fuses_and_other_l_is_refused",), "mean over any l accepted"),
    Mutation("sizes_not_generalized", V, "        if self.sizes.assignment:\n            step.specialize = self._generalize(write, step)",
             "        if False:\n            step.specialize = self._generalize(write, step)",
             (R + "::test_python_int_page_size_fuses_under_dynamic_shapes_with_a_guard",),
             "dynamic graphs proven at the compiled sizes only"),
    Mutation("shrink_wrong", "nsa_fusion/patterns/evaluate.py", "                shape[0] = shape[0] // old * new",
             "                shape[0] = shape[0]", (R + "::test_a_cache_too_big_to_evaluate_whole_is_verified_at_a_few_rows",),
             "big tensors' reshapes not re-derived"),
    Mutation("contract_tokens_unclamped", V, "    pos = (lengths.to(torch.int64)[:, None] - l + torch.arange(l)).clamp(min=0)\n    return inp",
             "    pos = (lengths.to(torch.int64)[:, None] - l + 1 + torch.arange(l)).clamp(min=0)\n    return inp",
             (F + "::test_formulation_fuses",), "the contract's window is off by one"),
    Mutation("stream_check", "nsa_fusion/fusion_pass.py", "    if len(used) > 1:\n        shown",
             "    if False:\n        shown", (TA + "::test_composite_split_across_npu_streams_is_not_fused",),
             "a step split across NPU streams fused"),
    # --- rewrite --------------------------------------------------------------------------------------
    Mutation("layout_swapped", "nsa_fusion/rewrite.py", "        if layout == \"lN\":\n            return weight.reshape(l, N)",
             "        if layout == \"Nl\":\n            return weight.reshape(l, N)", (F + "::test_formulation_fuses",),
             "the op gets the weight in the wrong layout"),
    Mutation("reinplace_late_reader", "nsa_fusion/rewrite.py",
             "        if any(order[u] > order[op] for u in base.users if u not in (clone, copy)):\n            continue",
             "        pass", ("tests/test_rewrite.py::test_reinplace_keeps_the_clone_when_the_old_cache_is_read_later",),
             "re-inplacing although a later node reads the old cache"),
    # --- lowering -------------------------------------------------------------------------------------
    Mutation("fuses_on_everywhere", "nsa_fusion/lowering/__init__.py",
             "    if device.type in (\"cpu\", \"npu\") or npu.forced():", "    if True:",
             ("tests/test_pass_integration.py::test_cuda_is_left_to_inductor",), "the pass fuses on devices without a kernel"),
]


def run(mutation: Mutation) -> tuple[bool, float]:
    path = ROOT / mutation.path
    original = path.read_text()
    if original.count(mutation.old) != 1:  # the code moved on: the mutation must be updated, not skipped
        print(f"STALE    {mutation.name}: the snippet occurs {original.count(mutation.old)} times in {mutation.path}")
        return False, 0.0
    start = time.perf_counter()
    try:
        path.write_text(original.replace(mutation.old, mutation.new))
        proc = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *mutation.tests],
                              cwd=ROOT, capture_output=True, text=True)
    finally:
        path.write_text(original)
    return proc.returncode != 0, time.perf_counter() - start


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("names", nargs="*", help="mutations to run (default: all)")
    p.add_argument("--list", action="store_true", help="list the mutations and exit")
    args = p.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.names or m.name in args.names]
    if args.list:
        for m in MUTATIONS:
            print(f"{m.name:28s} {m.path:36s} {m.why}")
        return 0
    survivors = []
    for m in chosen:
        killed, seconds = run(m)
        print(f"{'killed  ' if killed else 'SURVIVED'} {m.name:28s} {seconds:6.1f}s  {m.why}", flush=True)
        if not killed:
            survivors.append(m.name)
    print(f"\n{len(chosen) - len(survivors)}/{len(chosen)} mutations killed" +
          (f"; survivors: {', '.join(survivors)}" if survivors else ""))
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
