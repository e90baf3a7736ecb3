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
PR = "nsa_fusion/patterns/proof.py"
WR = "nsa_fusion/patterns/write.py"
RL = "nsa_fusion/patterns/roles.py"
MK = "nsa_fusion/patterns/mask.py"
PL = "nsa_fusion/patterns/pooling.py"
SZ = "nsa_fusion/patterns/sizes.py"
EV = "nsa_fusion/patterns/evaluate.py"
BP = "tests/test_batch_plan.py"
VAL = "nsa_fusion/_validation.py"
OC = "tests/test_op_contract.py"
NPU = "nsa_fusion/lowering/npu.py"
EX = "nsa_fusion/patterns/exactness.py"
RW = "nsa_fusion/rewrite.py"
XR = "tests/test_exactness_rules.py"
WM = "tests/test_whole_models.py"

MUTATIONS = [
    # --- soundness rules (issue 18): what probes cannot see, proved from the graph ------------------------
    Mutation("kept_path_unchecked", EX, "    for n in in_order(value_ancestors([keep], {cache, slots}) - {cache, slots}):",
             "    for n in []:", (XR + "::test_value_dependent_code_on_kept_rows_is_refused",),
             "value-dependent code on kept rows passes the one small-valued keep probe"),
    Mutation("select_chain_unchecked", EX,
             "            if T.dtype_of(n) is not None and not float_holds(T.dtype_of(n), cache_dtype):",
             "            if False:", (XR + "::test_a_lossy_cast_between_select_and_write_is_refused",),
             "a lossy cast after the select is replayed on both sides of the keep probe's comparison"),
    Mutation("weight_casts_unchecked", EX, "        if not float_holds(T.dtype_of(n), src):\n            _refuse(\"weight\"",
             "        if False:\n            _refuse(\"weight\"", (XR + "::test_a_lossy_cast_on_the_weight_path_is_refused",),
             "weight probes are exact in every half type, so a rounding of the weight is invisible to them"),
    Mutation("int_casts_unchecked", EX, "            if span[0] < lo or span[1] > hi:", "            if False:",
             (XR + "::test_narrowing_casts_fuse_only_where_every_valid_value_survives_them",
              XR + "::test_a_narrowing_cast_in_the_condition_is_refused_under_dynamic_shapes"),
             "probes draw small ids and lengths, which survive any narrowing cast"),
    Mutation("page_clamps_unchecked", EX,
             "            if span is None or out is None or span != out:\n                _refuse(\"gather\"",
             "            if False:\n                _refuse(\"gather\"",
             (XR + "::test_clamping_page_ids_below_the_block_count_is_refused_and_a_no_op_clamp_fuses",),
             "probes draw page ids below any clamp bound"),
    Mutation("length_thresholds_off", EX, "    if not symbolic_capacity:\n        return",
             "    if True:\n        return", (XR + "::test_length_thresholds_are_refused_under_a_symbolic_capacity_and_fuse_when_static",),
             "under a symbolic capacity the new rows are probed up to the compiled capacity only"),
    Mutation("rows_unchecked", SZ, "                BatchPlan.prove(Subgraph(outputs, frontier), roots, self.sizes, w.B)",
             "                pass", (XR + "::test_a_condition_on_the_row_number_is_refused",
                                     XR + "::test_new_rows_that_depend_on_other_rows_are_refused"),
             "probes put each length in one row: row-number and cross-row dependence slip through"),
    Mutation("symbolic_constants_evaluated", EV, "        if _PROOF_SIZES.get() is not None and _reads_symbols(node):",
             "        if False:", (XR + "::test_a_row_number_gate_beyond_the_compiled_batch_is_refused_under_dynamic_shapes",),
             "a constant that reads a size symbol is only constant at the assignment it was evaluated at"),
    Mutation("plan_conv_any_dim", EV, "            if k != 0 or weight in self.dim", "            if weight in self.dim",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan[conv_over_batch_channels]",),
             "a convolution mixes its channels: the batch may only be its sample dimension"),
    Mutation("plan_pool_any_dim", EV, "            return (k, c) if k < len(in_shape) - _POOLS[t] else None",
             "            return (k, c)",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan[avg_pool_over_batch]",),
             "pooling mixes the pooled dimensions"),
    Mutation("plan_as_strided_unaligned", EV, "        if c_out * stride[0] != slab or", "        if",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan[as_strided_across_rows]",),
             "windows stepping by half a row read the next row's slab (the extent check alone is implied by "
             "the bounds of a tensor whose storage is exactly its own: defence in depth, no test can kill it)"),
    Mutation("plan_diagonal_over_batch", EV, "            return None if k in dims else (k - sum(",
             "            return (k - sum(",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan[diagonal_over_batch]",),
             "a diagonal over the batch dimension pairs rows with other dims' indices"),
    Mutation("plan_repeat_partial_copies", EV, "(dx < 0 or (shape[d] // B) % in_shape[dx] == 0)", "True",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan[weight_repeated_in_part]",),
             "a repeat whose copies straddle the batch slabs gives rows different weights"),
    Mutation("plan_no_broadcast_dims", EV, "and d not in _broadcast_dims(ident)]", "]",
             (BP + "::test_accepted_graphs_cut_to_the_first_rows_of_the_full_evaluation[identity_index_expanded]",),
             "an expanded arange is the identity along its one kept dimension (kills the rule, not a soundness hole)"),
    # --- red-team round 3 (tests/corpora/redteam3.py, findings F1-F13) ---------------------------------------
    Mutation("keep_index_from_values", EX,
             "            if any(T.dtype_of(a) is not None and T.dtype_of(a).is_floating_point for a in T.value_inputs(n)):",
             "            if False:", (XR + "::test_kept_rows_indexed_by_the_caches_own_values_are_refused",),
             "F1: the kept rows' index computed from the cache's values"),
    Mutation("keep_index_from_inputs", EX, "        if n.op == \"placeholder\":\n            _refuse(\"keep\"",
             "        if False:\n            _refuse(\"keep\"", (XR + "::test_kept_rows_indexed_by_the_condition_are_refused",),
             "F4: the kept rows' index computed from the lengths"),
    Mutation("keep_index_row_number", EX, "            if n.target in _IOTAS and any(", "            if False and any(",
             (XR + "::test_kept_rows_picked_by_the_row_number_are_refused_under_dynamic_shapes",),
             "F2: kept rows picked by the row number of a dynamic batch"),
    Mutation("static_plan_fallback", SZ, "            except EvaluationError as exc:\n                # (also in a static graph",
             "            except EvaluationError as exc:\n                if not self.sizes.assignment:\n"
             "                    continue\n                # (also in a static graph",
             (XR + "::test_a_static_condition_over_the_batch_is_refused",
              XR + "::test_new_rows_that_depend_on_a_count_over_the_batch_are_refused_in_a_static_graph"),
             "F3, F5, F11: a static graph's probes mix rows in a few ratios only"),
    Mutation("length_ops_unchecked", EX, "    _check_length_ops(new_region, lengths)\n", "",
             (XR + "::test_length_ops_beyond_affine_arithmetic_are_refused_under_a_symbolic_capacity",),
             "F6, F7: sign, bit-or, lookup tables on lengths past the compiled capacity"),
    Mutation("page_id_lookup_table", EX, "        if n.target in T.GATHERS and n in on_table and paged is not None:",
             "        if False:", (XR + "::test_a_lookup_table_on_page_ids_is_refused",),
             "F8: page ids through a constant lookup table"),
    Mutation("sub_alpha_ignored", EX, "                alpha = n.kwargs.get(\"alpha\", 1)  # a - alpha * b", "                alpha = 1  # a - alpha * b",
             (XR + "::test_a_flat_index_with_sub_alpha_is_held_to_its_dtype",), "F9: sub's alpha in the interval"),
    Mutation("zero_minus_allowed", PL, "            if t in (aten.sub.Tensor, aten.sub.Scalar) and others[0] is n.args[0]:",
             "            if False:", (XR + "::test_zero_minus_the_pooled_sum_is_refused",), "F10: 0 - x is not -x"),
    Mutation("mask_float_arithmetic", MK, "            if T.dtype_of(n) is not None and T.dtype_of(n).is_floating_point:",
             "            if False:", (XR + "::test_float_constants_in_a_dynamic_condition_bound_or_refuse_it",),
             "F12: float arithmetic on lengths in a dynamic condition"),
    Mutation("mask_float_literal", MK, "        if isinstance(a, float):\n            if a != a", "        if False:\n            if a != a",
             (XR + "::test_float_constants_in_a_dynamic_condition_bound_or_refuse_it",),
             "F12: a float threshold must count in the condition's bound"),
    Mutation("iota_any_dtype", EV, "        if T.dtype_of(node) not in (torch.int32, torch.int64):\n            return False\n", "",
             (XR + "::test_an_int8_row_number_is_not_the_identity_under_dynamic_shapes",), "F13: an int8 iota wraps"),
    Mutation("addcmul_value_ignored", PL, "            if n.kwargs.get(\"value\", 1) != 1 or not", "            if not",
             (XR + "::test_an_addcmul_accumulation_in_window_order_fuses_and_a_scaled_one_is_refused",),
             "addcmul's value scales every product"),
    Mutation("addcmul_fma_allowed", PL, "            if T.dtype_of(self.input) not in halves or T.dtype_of(leaf) not in halves:",
             "            if False:", (XR + "::test_an_addcmul_accumulation_in_window_order_fuses_and_a_scaled_one_is_refused",),
             "addcmul of inexact fp32 products may round once (fma)"),
    Mutation("mask_alpha_ignored", MK, "for a in [*n.args, *n.kwargs.values()]) if x is not None]", "for a in n.args) if x is not None]",
             (XR + "::test_an_alpha_in_a_dynamic_condition_counts_in_its_bound",), "F14: a threshold in sub's alpha"),
    Mutation("keep_reassembled_cache", EX, "        if (t in T.GATHERS or t in T.ASSEMBLE) and slots not in value_ancestors([n]):",
             "        if False:", (XR + "::test_kept_rows_read_from_a_reassembled_cache_are_refused",),
             "F16: whole-cache moves before the slot gather"),
    Mutation("block_path_unchecked", V, "        exactness.check_block_path(self.gathers, self.input)\n", "",
             (XR + "::test_blocks_remapped_among_more_blocks_than_the_probes_draw_are_refused",),
             "F17: blocks remapped before the gather (with few blocks the probes find it too)"),
    Mutation("positions_probe_off", PL, "        rounds = [(\"specials\", True), (\"positions\", False)]",
             "        rounds = [(\"specials\", True)]",
             (XR + "::test_products_that_are_zero_on_finite_values_only_are_refused",), "F18, F19: 0 * inf"),
    Mutation("symbolic_iota_allowed", V, "        self.check_symbolic_iotas()\n", "",
             (XR + "::test_a_threshold_on_a_symbolic_head_dim_is_refused",), "F20: iota over a symbolic head dim"),
    Mutation("float_page_ids", EX, "        if d is not None and d.is_floating_point and not (n.target in T.CASTS",
             "        if False and d is not None and d.is_floating_point and not (n.target in T.CASTS",
             (XR + "::test_float_arithmetic_on_page_ids_is_refused",), "F21: float arithmetic on page ids"),
    Mutation("plan_split_any_dim", EV, "                if d == k:\n                    raise EvaluationError(f\"{n.name} ({n.target}) splits",
             "                if False:\n                    raise EvaluationError(f\"{n.name} ({n.target}) splits",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan[split_of_batch]",),
             "a split along the batch gives parts that are other rows"),
    Mutation("plan_scan_any_dim", EV, "            return None if _arg(n, 1, \"dim\") % len(in_shape) == k else (k, c)",
             "            return (k, c)", (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan[cumsum_over_batch]",),
             "a scan along the batch mixes rows"),
    Mutation("slot_path_unchecked", V, "        exactness.check_slot_path(w.slots, val(w.cache).shape[0])\n", "",
             (XR + "::test_computed_slots_that_can_alias_a_written_row_are_refused",),
             "F25: computed slots that send a padding row onto a written row"),
    Mutation("slot_constant_vector", EX, "                all(_uniform(a) for a in n.args if not isinstance(a, fx.Node) or _constant_node(a)):",
             "                True:", (XR + "::test_slots_plus_a_constant_vector_are_refused",),
             "G1: a constant vector added to the slots moves two rows onto one cache row"),
    Mutation("slot_alpha_any", EX, "                n.kwargs.get(\"alpha\", 1) in (1, -1) and \\\n", "",
             (XR + "::test_slots_scaled_by_an_alpha_are_refused",),
             "G4: add(c, slots, alpha=0) sends every row to one cache row"),
    Mutation("slot_views_any", EX, "n.target in _SLOT_VIEWS or", "n.target in T.VIEWS or",
             (XR + "::test_slots_moved_between_rows_before_arithmetic_are_refused",),
             "G5: expand/roll/flip of the slots hand a row another row's slot"),
    Mutation("addcmul_bf16_allowed", PL, "            if T.dtype_of(self.input) != torch.float16 or T.dtype_of(leaf) != torch.float16:",
             "            if T.dtype_of(self.input) not in (torch.float16, torch.bfloat16):",
             (XR + "::test_an_addcmul_accumulation_of_bf16_factors_is_refused",),
             "G3: eager's addcmul is a fused multiply-add, which differs from two roundings for bf16 factors"),
    Mutation("flat_row_unbounded", SZ, "            if span is None or span[0] < 0 or span[1] >= R:", "            if False:",
             (XR + "::test_a_flat_table_index_that_may_leave_its_row_is_refused",),
             "a flat table index row * R + q with q outside [0, R) reads another row's entries"),
    Mutation("flat_row_any_stride", EV, "            if index not in self.flat or self.flat[index] != cd:\n                return None\n            ki, ci",
             "            if index not in self.flat:\n                return None\n            ki, ci",
             (XR + "::test_a_flat_table_index_that_may_leave_its_row_is_refused",),
             "a flat table index whose row stride is not the row length reads other rows"),
    Mutation("mask_nonlinear_allowed", MK, "                    sum(1 for a in n.args if isinstance(a, fx.Node) and a in derived) > 1:",
             "                    False:", (XR + "::test_a_nonlinear_or_wrapping_dynamic_condition_is_refused",),
             "G2: s * s < 4096 * s has no period bound from its constants"),
    Mutation("mask_wrap_allowed", MK, "                if span is None or span[0] < dr[0] or span[1] > dr[1]:\n                    raise Refused(\"mask\"",
             "                if False:\n                    raise Refused(\"mask\"",
             (XR + "::test_a_nonlinear_or_wrapping_dynamic_condition_is_refused",),
             "G2: an int32 product in the condition wraps past the compiled capacity"),
    Mutation("crossing_lengths_allowed", EX, "                if a is None or b is None or a != b:", "                if False:",
             (XR + "::test_two_length_values_that_may_cross_are_refused_under_a_symbolic_capacity",),
             "F23: two length-derived values that cross past the compiled capacity"),
    Mutation("tensor_constant_unread", MK, "            if a.op == \"get_attr\":  # a tensor constant", "            if False:  # a tensor constant",
             (XR + "::test_a_tensor_constant_in_a_dynamic_condition_counts_in_its_bound",),
             "F26: a lifted tensor constant as the threshold"),
    Mutation("fill_value_skipped", SZ, "                if i != fill and (i > 0 if skip", "                if (i > 0 if skip",
             (XR + "::test_the_batch_size_as_a_fill_value_is_refused_in_torchairs_graph",),
             "full_like reads only its argument's shape, but its fill value may be the batch size"),
    Mutation("batch_value_allowed", SZ, "                        if sym in batch:", "                        if False:",
             (XR + "::test_the_batch_size_as_a_value_is_refused_under_dynamic_shapes",),
             "the batch size as a value would be guarded, making a dynamic batch static"),
    Mutation("specials_probe_off", PL,
             "        rounds = [(\"specials\", True), (\"positions\", False)] + ",
             "        rounds = [(\"positions\", False)] + ",
             (XR + "::test_a_token_before_the_window_under_a_zero_weight_is_refused",),
             "dyadic probes hold no NaN/inf: an unread position times a zero weight passes them"),
    Mutation("order_probe_off", PL,
             "(\"positions\", False)] + ([(\"order\", False)] if self.written_order else [])",
             "(\"positions\", False)]",
             (XR + "::test_a_window_sum_written_out_in_another_order_is_refused",),
             "dyadic probes sum exactly in any order"),
    Mutation("sum_then_scale_allowed", PL, "        if in_dtype == torch.float16:\n            return",
             "        if True:\n            return",
             (XR + "::test_sum_then_scale_is_refused_for_bf16_and_fp32_but_scale_then_sum_fuses",
              F + "::test_sum_then_scale_mean_is_refused_where_it_is_not_the_op"),
             "sum-then-scale differs from the op only at overflow and among subnormals, which probes never reach"),
    Mutation("lengths_subsampled", PL, "            if draw > 0 and len(batches) > MAX_POOLING_EVALS:",
             "            if len(batches) > MAX_POOLING_EVALS:",
             (XR + "::test_every_qualifying_length_is_probed_with_one_row_and_many_pages",),
             "a small batch with a large capacity leaves lengths unprobed"),
    Mutation("narrow_ids_not_widened", RW,
             "        slots, table, lengths = (x if x.dtype in (torch.int32, torch.int64) else x.to(torch.int64)",
             "        slots, table, lengths = (x if True else x.to(torch.int64)",
             (XR + "::test_int8_ids_fuse_without_breaking_the_compile",), "int8 ids reach the op's fake kernel"),
    Mutation("fused_call_not_moved_after_readers", RW, "            last.append(op)\n", "            pass\n",
             (XR + "::test_a_clone_of_the_cache_taken_before_an_in_place_step_keeps_the_old_rows",),
             "the fused call writes the cache in place before a later reader of the old cache"),
    Mutation("unreachable_sizes_tried", SZ, "        def ok(sizes) -> bool:\n            return ",
             "        def ok(sizes) -> bool:\n            return True or ",
             (XR + "::test_mark_dynamic_batch_with_a_cache_barely_larger_than_the_batch_fuses",),
             "a size assignment no valid input reaches refuses a sound step"),
    Mutation("compaction_unexplained", WR, "            compaction = _compaction(index, self.values)",
             "            compaction = None", (XR + "::test_a_compacted_write_is_explained_as_compaction",),
             "a compacted write is explained as a missing select"),
    Mutation("ieee_inexact_pooling_allowed", PL, "            self._check_exact_arithmetic(n, tokens, scalings)\n",
             "", (XR + "::test_arithmetic_that_is_linear_but_rounds_differently_is_refused",),
             "(x*w + 1) - 1 and x*w*7/7 are linear and exact on dyadic probes, not in IEEE arithmetic"),
    Mutation("page_id_ops_allowed", EX, "            if True:  # (x % c on page ids", "            if False:  # (x % c on page ids",
             (XR + "::test_page_ids_pass_only_data_movement_casts_and_affine_arithmetic",),
             "an op that is the identity on the probes' small page ids passes"),
    Mutation("length_divisors_unspanned", EX, "            if seen is None or not bounds or any(b is None or 2 * b[1] > seen[1] - seen[0] + 1 for b in bounds):",
             "            if False:", (XR + "::test_a_length_remainder_the_probes_did_not_span_is_refused_under_a_symbolic_capacity",),
             "a remainder of the lengths by a constant past the compiled capacity passes"),
    Mutation("gathers_past_writes", RL, "        writes = {n for n in w.write.graph.nodes if n.op == \"call_function\" and n.target in T.WRITES}\n"
             "        self.region = value_ancestors([w.new], {self.lengths} | writes)",
             "        writes = {n for n in w.write.graph.nodes if n.op == \"call_function\" and n.target in T.WRITES}\n"
             "        self.region = value_ancestors([w.new], {self.lengths})",
             (WM + "::test_every_layer_of_a_stack_fuses_bit_exact",), "layer 2 of a stack is refused"),
    # --- recognition (issue 11) ----------------------------------------------------------------------
    Mutation("mask_not_compared", MK, "        if not torch.equal(got, want):\n            bad = int(",
             "        if False:\n            bad = int(", (R + "::test_condition_wrong_at_a_single_length_is_refused_and_named",),
             "the mask is derived but never compared with the contract"),
    Mutation("mask_range_short", MK, "        s = torch.arange(hi + 1)\n", "        s = torch.arange(min(hi, 100) + 1)\n",
             (R + "::test_condition_wrong_at_a_single_length_is_refused_and_named",),
             "the mask is checked on part of the lengths only"),
    Mutation("keep_not_compared", WR, "                if not _bits_equal(got, want):\n                    raise Refused(\"keep\"",
             "                if False:\n                    raise Refused(\"keep\"",
             (R + "::test_blend_instead_of_select_is_refused_with_a_hint",
              F + "::test_near_miss_stays_unfused_and_correct"), "kept rows are never checked"),
    Mutation("keep_nan_equal", PR, "        return torch.equal(a, b) and torch.equal(torch.signbit(a), torch.signbit(b))",
             "        return bool(torch.isclose(a.float(), b.float(), equal_nan=True).all())",
             (R + "::test_keep_branch_that_changes_the_bits_of_kept_rows_is_refused",), "bit comparisons become approximate"),
    Mutation("write_not_compared", WR, "        if not _bits_equal(z, want):\n            raise Refused(\"write\"",
             "        if False:\n            raise Refused(\"write\"",
             (F + "::test_near_miss_stays_unfused_and_correct",), "the row write is never checked"),
    Mutation("keep_index_arithmetic", WR, "            if n.op == \"call_function\" and T.is_int(n) and not (n.target in T.CASTS or n.target in T.VIEWS) \\\n",
             "            if False and n.op == \"call_function\" and T.is_int(n) and not (n.target in T.CASTS or n.target in T.VIEWS) \\\n", (R + "::test_keep_rows_read_at_other_indices_are_refused",),
             "kept rows read through slot arithmetic"),
    Mutation("products_of_tokens", PL, "                if sum(1 for f in factors if f in tokens) > 1:",
             "                if sum(1 for f in factors if f in tokens) > 2:",
             (R + "::test_pooling_that_is_not_the_contract_is_refused_with_its_part",), "quadratic pooling accepted"),
    Mutation("arith_dtype", PL, "            if T.dtype_of(n) != torch.float32:\n                raise Refused(\"dtype\", f\"{T.op_name(n)} computes in",
             "            if False:\n                raise Refused(\"dtype\", f\"{T.op_name(n)} computes in",
             (R + "::test_pooling_that_is_not_the_contract_is_refused_with_its_part",
              F + "::test_near_miss_stays_unfused_and_correct"), "fp16 products accepted"),
    Mutation("double_rounding", PL, "                if n.target in T.ARITHMETIC:\n                    raise Refused(\"dtype\", \"arithmetic on a value already rounded",
             "                if False:\n                    raise Refused(\"dtype\", \"arithmetic on a value already rounded",
             (R + "::test_pooling_that_is_not_the_contract_is_refused_with_its_part",), "rounding twice accepted"),
    Mutation("probes_not_compared", PL, "                alive = [k for k in alive if probe.agrees(new, cands[k])]",
             "                alive = alive", (F + "::test_near_miss_stays_unfused_and_correct",
                                             R + "::test_pooling_that_is_not_the_contract_is_refused_with_its_part"),
             "gather + pooling never compared with the contract"),
    Mutation("computed_weight", RL, "            if n is not leaf and n.op == \"call_function\" and not (T.is_data_movement(n) and n.target not in T.GATHERS):",
             "            if False:", (R + "::test_pooling_that_is_not_the_contract_is_refused_with_its_part",
                                      F + "::test_near_miss_stays_unfused_and_correct"), "a computed weight accepted"),
    Mutation("fp32_weight", PR, "    if T.dtype_of(node) == dtype:\n        return True\n    if not _constant_leaf(node):\n        return False",
             "    return True", (R + "::test_fp32_weight_with_fp16_tokens_is_refused_because_the_op_would_round_it",),
             "a weight the op would round accepted"),
    # Mean over any l: in the recogniser no rule names the mean; what refuses an l that is not a power
    # of two is the bit-exact probe comparison (sum / 48 in fp32 is not sum * fp16(1/48)).  Not listed:
    # 1/l as an fp32 instead of a data-dtype candidate, an equivalent mutant (for a power-of-two l both
    # are exact and equal, for any other l no probe matches either way).
    Mutation("mean_any_l", PR,
             "        return torch.equal(exact[:1], contract_pooled(self.tokens[:1], weight_lN)) \\\n"
             "            and torch.equal(exact, contract_pooled(self.tokens, weight_lN)) \\\n"
             "            and torch.equal(new.to(torch.float64) @ self.proj,\n"
             "                            contract_pooled(self.tokens_proj, weight_lN, torch.float64)[..., 0])",
             "        return torch.allclose(exact, contract_pooled(self.tokens, weight_lN), rtol=1e-3, atol=1e-3)",
             (R + "::test_mean_over_a_power_of_two_window_fuses_and_other_l_is_refused",),
             "pooling compared approximately: mean over an l that is not a power of two accepted"),
    Mutation("weight_shape_blamed_on_mask", RL, "                if N in shape and math.prod(shape) % N == 0",
             "                if math.prod(shape) % N == 0",
             (R + "::test_weight_of_another_shape_names_the_part_that_disagrees",),
             "explain blames the condition for a weight without a heads dimension"),
    Mutation("sizes_not_generalized", V, "        if self.sizes.assignment:\n            step.specialize = {**self._generalize(write, step), **step.size_values}",
             "        if False:\n            step.specialize = {**self._generalize(write, step), **step.size_values}",
             (R + "::test_python_int_page_size_fuses_under_dynamic_shapes_with_a_guard",),
             "dynamic graphs proven at the compiled sizes only"),
    Mutation("sizes_all_or_nothing", SZ, "        values, moved = {}, set()\n        for sym in sorted(moving, key=str):",
             "        values, moved = {}, set()\n        for sym in []:",
             (B + "::test_blind_case[blind1-strided_conv1d_sequence-float32-inductor_graph-all]",),
             "under dynamic shapes, a guard that pins one size makes every other size unmovable"),
    Mutation("ties_exact_only", "nsa_fusion/patterns/evaluate.py",
             "    if poly.total_degree() != 1 or poly.coeff_monomial(1) != 0:",
             "    if not all(isinstance(a, sympy.Symbol) for a in expr.args) or poly.total_degree() != 1:",
             (B + "::test_blind_case[blind1-mean_avg_pool1d_sequence-float16-torchair-batch]",),
             "Eq(k * a, k * b) guards not seen as ties: sizes moved apart break the guards"),
    Mutation("shrink_wrong", "nsa_fusion/patterns/evaluate.py", "                shape[0] = shape[0] // old * new",
             "                shape[0] = shape[0]", (R + "::test_a_cache_too_big_to_evaluate_whole_is_verified_at_a_few_rows",),
             "big tensors' reshapes not re-derived"),
    Mutation("contract_tokens_unclamped", PR, "    pos = (lengths.to(torch.int64)[:, None] - l + torch.arange(l)).clamp(min=0)\n    return inp",
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
             "            if any(u is not op and order[u] <= order[last] for u in clone.users):\n                continue",
             "            pass", ("tests/test_rewrite.py::test_reinplace_keeps_the_clone_when_the_old_cache_is_read_later",),
             "re-inplacing although a later node reads the old cache"),
    Mutation("mask_superset_accepted", MK, "        if not torch.equal(got, want):\n            bad = int(",
             "        if not torch.equal(got & want, want):\n            bad = int(",
             (R + "::test_condition_wrong_at_a_single_length_is_refused_and_named",),
             "only the windows are checked, not that every other length is excluded"),
    Mutation("cached_graph_silent", "nsa_fusion/diagnostics.py",
             "                dict.__setitem__(self, key, dict.get(self, key, 0) + current - seen)",
             "                pass", ("tests/test_diagnostics.py::test_cache_hit_stats_npu_backend",),
             "a graph served from the compile cache leaves stats silently empty"),
    # --- argument checks (docs/contract.md, "Bad input") ------------------------------------------------------------
    Mutation("pad_slots_rejected", VAL, "    q_slots = slots[q].astype(np.int64)", "    q_slots = slots.astype(np.int64)",
             (OC + "::test_padding_slots_of_non_qualifying_rows_are_accepted_eager_reference_and_compiled",),
             "the slot range rule applied to rows that write nothing (vLLM's -1 padding)"),
    Mutation("duplicate_slots_unchecked", VAL, "        if dups.size:\n", "        if False:\n",
             (OC, "-k", "slot_mapping-ValueError or qualifying_duplicate"), "duplicate slots of written rows accepted"),
    Mutation("capacity_unchecked", VAL, "    if lens.size and lens.max() > capacity:", "    if False:",
             (OC, "-k", "actual_seq_len-ValueError"), "a length beyond the block table's capacity accepted"),
    Mutation("value_checks_skipped", "nsa_fusion/ops.py",
             "    if V.value_checks_enabled() and not compiling:", "    if False:",
             (OC + "::test_bad_values_are_checked_in_python_without_the_native_entry",),
             "the eager entry without the native kernel skips its value checks"),
    # --- kernels -----------------------------------------------------------------------------------------
    Mutation("native_window_shifted", "nsa_fusion/lowering/csrc/nsa_compress.cpp", "          const int64_t p = s0 + j;",
             "          const int64_t p = s0 + j + 1;", ("tests/test_native_kernel.py",),
             "the native kernel reads the window one token late (rebuilds the kernel: ~1 min)"),
    Mutation("native_page_check_short", "nsa_fusion/lowering/csrc/nsa_compress.cpp",
             "for (int64_t col = (s - l) / P; col <= (s - 1) / P; ++col)",
             "for (int64_t col = (s - l) / P; col < (s - 1) / P; ++col)",
             (OC + "::test_value_checks_off_kernel_still_bounds_checks",),
             "the native kernel does not bounds-check a window's last page (rebuilds the kernel)"),
    Mutation("native_odd_token_dropped", "nsa_fusion/lowering/csrc/nsa_compress.cpp", "        for (; j < l; ++j) {",
             "        for (; j + 1 < l; ++j) {", ("tests/test_native_kernel.py", "-k", "shapes_bit_exact"),
             "the native kernel drops the last token of an odd-length window (tokens go in pairs; rebuilds the kernel)"),
    Mutation("pure_torch_unchecked", "nsa_fusion/lowering/portable.py",
             "    check_window_indices(input, l, d, P, block_table, lengths, slot_mapping, cache.shape[0])\n",
             "", (OC + "::test_value_checks_off_kernel_still_bounds_checks",),
             "the pure-torch CPU kernel dereferences page ids and slots without a bounds check"),
    Mutation("torch_sum_order", "nsa_fusion/lowering/portable.py", "    for j in range(tokens.shape[1]):",
             "    for j in reversed(range(tokens.shape[1])):", (OC + "::test_pure_torch_cpu_kernel_bit_exact_too",),
             "the pure-torch CPU kernel sums the window in another order (not bit-exact)"),
    Mutation("masked_pad_alias", "nsa_fusion/lowering/portable.py",
             "    rows = torch.where((writer >= 0)[:, None, None], pooled[writer.clamp(min=0)], cache[index])",
             "    rows = torch.where(valid[:, None, None], pooled, cache[index])",
             (OC + "::test_capture_safe_masked_formulation_with_padding_slots",),
             "the fixed-shape write lets a padding row that aliases a written row restore the old value"),
    Mutation("reference_no_keep", "nsa_fusion/reference.py",
             "    new_rows = torch.where(valid[:, None, None], pooled, cache[slots])", "    new_rows = pooled",
             (OC + "::test_reference_within_one_rounding_of_golden",), "the reference writes rows whose window is incomplete"),
    # --- the batch plan (probing gather + pooling at a few batch rows) ----------------------------------
    Mutation("batch_constant_unchecked", EV, "        return torch.equal(slabs, slabs.narrow(d, 0, 1).expand_as(slabs))",
             "        return True", (BP + "::test_steps_right_on_the_first_rows_only_are_refused",),
             "a tensor that varies along the batch counts as constant: rows beyond the cut go unchecked"),
    Mutation("batch_broadcast_assumed", EV, "            return shape[d] % B == 0 and (dx < 0 or in_shape[dx] == 1)",
             "            return True", (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan",),
             "any expand counts as a broadcast over the batch, also of a tensor that varies along it"),
    Mutation("batch_identity_unchecked", EV,
             "            return not v.dtype.is_floating_point and torch.equal(v.to(torch.int64), want)",
             "            return True", (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan",),
             "any index into the batch dimension counts as the identity: rows read other rows"),
    Mutation("batch_reduced_over", EV, "            if k in dims:\n                return None", "            if False:\n                return None",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan",), "a reduction over the batch passes the plan"),
    Mutation("batch_gather_along", EV, "            if index in self.dim and self.dim[index] == (k, c) and d != k:",
             "            if index in self.dim and self.dim[index] == (k, c):",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan",), "a gather along the batch passes the plan"),
    Mutation("batch_cross_product", EV, "        elif kd >= len(indices) or indices[kd] is None:\n            if any(a in self.dim for _, a in ops):",
             "        elif kd >= len(indices) or indices[kd] is None:\n            if False:",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan",),
             "indexing batch-indexed data by batch-indexed indices (every pair of rows) passes the plan"),
    Mutation("batch_broadcast_mismatch", EV, "                if self.dim[a] != (d, c):\n                    return None",
             "                if False:\n                    return None",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan",),
             "two operands with the batch in different dimensions (an outer product) pass the plan"),
    Mutation("batch_reshape_interleaved", EV, "    before, acc = math.prod(in_shape[:k]), 1", "    before, acc = 1, 1",
             (BP + "::test_graphs_whose_rows_are_not_independent_have_no_plan",),
             "a reshape that interleaves the batch with another dimension passes the plan"),
    Mutation("batch_rows_subset_compared", PR,
             "            and torch.equal(new.to(torch.float64) @ self.proj,",
             "            and True or torch.equal(new.to(torch.float64) @ self.proj,",
             (BP + "::test_pooling_probe_compares_every_row_also_outside_the_exact_ones",),
             "without a batch plan only some rows are compared: a row that differs in more than its inputs passes"),
    Mutation("dynamic_big_tensors_full_size", PR, "    if not sizes.assignment:\n        return sizes\n    held =",
             "    if True:\n        return sizes\n    held =",
             (R + "::test_a_cache_too_big_to_evaluate_whole_is_verified_at_a_few_rows",),
             "under dynamic shapes the paged KV and cache are evaluated at full size (seconds per compile)"),
    Mutation("batch_cut_not_applied", EV, "                shape[q] = self._cut(cq)", "                shape[q] = shape[q]",
             (BP + "::test_accepted_graphs_cut_to_the_first_rows_of_the_full_evaluation",),
             "reshapes keep the full batch when the rest of the graph is cut"),
    Mutation("symbolic_batch_guards_ignored", PL, "        return fewer if fewer.guards_hold() else None",
             "        return fewer",
             (BP + "::test_a_symbolic_batch_is_probed_at_a_few_rows_only_where_the_guards_admit_them",),
             "a symbolic batch is probed at a batch size its guards exclude (not one the compiled graph serves)"),
    Mutation("pooling_probe_reused_at_other_sizes", PL, "               frozenset(sizes.assignment.items()))",
             "               )",
             (R + "::test_python_int_page_size_fuses_under_dynamic_shapes_with_a_guard",),
             "the second proof at other sizes takes the first's pooling verdict: a baked-in page size passes"),
    # --- lowering -------------------------------------------------------------------------------------
    Mutation("npu_limit_l", VAL, "    if l > 64:", "    if l > 128:", ("tests/test_npu_lowering.py",),
             "the Ascend kernel is called with a window longer than its tiling accepts"),
    Mutation("npu_limit_heads", VAL, "    if N > 64:", "    if N > 65:", ("tests/test_npu_lowering.py",),
             "the Ascend kernel is called with more heads than its tiling accepts"),
    Mutation("ge_slots_table_swapped", NPU,
             '"slot_mapping": cast(slot_mapping, DataType.DT_INT32),\n                    "output_cache": cache, '
             '"act_seq_len": cast(actual_seq_len, DataType.DT_INT64),\n                    "block_table": cast(block_table,',
             '"slot_mapping": cast(block_table, DataType.DT_INT32),\n                    "output_cache": cache, '
             '"act_seq_len": cast(actual_seq_len, DataType.DT_INT64),\n                    "block_table": cast(slot_mapping,',
             (TA + "::test_ge_converter_inputs_order_dtypes_and_casts",),
             "the GE node gets slot_mapping and block_table swapped"),
    Mutation("ge_cache_is_input", NPU, '"output_cache": cache,', '"output_cache": input,',
             (TA + "::test_formulation_fuses_in_real_torchair",), "the GE node writes the paged KV instead of the cache"),
    Mutation("ge_attrs_swapped", NPU,
             '"compress_block_size": attr.Int(compress_block_size),\n                   "compress_stride": attr.Int(compress_stride)',
             '"compress_block_size": attr.Int(compress_stride),\n                   "compress_stride": attr.Int(compress_block_size)',
             (TA + "::test_dynamic_shapes_in_real_torchair",), "the GE node's l and d attributes swapped"),
    Mutation("ge_noncontiguous_cache_in_place", "nsa_fusion/lowering/__init__.py",
             "        if ok and not cache.is_contiguous():", "        if False:",
             (TA + "::test_ge_graph_updates_a_non_contiguous_cache",),
             "a non-contiguous cache written in place by the GE node (torchair copies it: the update is lost)"),
    Mutation("fuses_on_everywhere", "nsa_fusion/lowering/__init__.py",
             "    if device.type in (\"cpu\", \"npu\") or npu.forced():", "    if True:",
             ("tests/test_pass_integration.py::test_cuda_is_left_to_inductor",), "the pass fuses on devices without a kernel"),
    # --- diagnostics (issue 21) ---------------------------------------------------------------------------
    Mutation("strict_restore_sticks", "nsa_fusion/diagnostics.py", "    previous = _strict\n",
             "    previous = strict_enabled()\n",
             ("tests/test_diagnostics.py::test_set_and_restore_leaves_the_environment_variable_in_charge",),
             "set_strict(previous) leaves an override behind: NSA_FUSION_STRICT=1 is ignored afterwards"),
    Mutation("decline_is_a_refusal", "nsa_fusion/fusion_pass.py",
             '            kind = "declined" if isinstance(refusal, Declined) else "rejected"',
             '            kind = "rejected"',
             ("tests/test_diagnostics.py::test_cost_decline_is_reported_as_declined_and_strict_mode_does_not_fail",),
             "a deliberate decline (cost rule, lowering off) is reported as a refusal and fails strict mode"),
    # --- whole models (issue 19): stacked caches, flat token pools, graph breaks ---------------------------
    Mutation("stack_half_not_a_root", RL, '    if n.target is aten.select.int:\n        return _dim(n.args[0]) == 5', '    if n.target is aten.select.int:\n        return False',
             (WM + "::test_stacked_kv_cache_fuses_one_call_per_half_bit_exact",),
             "a half of a stacked KV written by appends is gathered from several roots"),
    Mutation("stack_picks_not_merged", RW, "        n.replace_all_uses_with(earlier)\n        merged += 1",
             "        merged += 1",
             (WM + "::test_stacked_kv_cache_fuses_one_call_per_half_bit_exact",
              WM + "::test_picks_of_one_half_are_merged_only_where_the_stack_is_not_mutated_between_them"),
             "torchair's two picks of one cache half: the keep is not on the write's cache"),
    Mutation("stack_picks_merged_across_mutation", RW,
             "        if earlier is n or mutated.get(key[0], len(order)) < order[n]:",
             "        if earlier is n:",
             (WM + "::test_picks_of_one_half_are_merged_only_where_the_stack_is_not_mutated_between_them",),
             "a pick after an in-place write to the stack merged with one before it (reads the old value)"),
    Mutation("stack_joint_write_ignored", WR,
             "            if len(indices) > 1 and indices[0] is None and indices[1] is not None and _dim(indices[1]) == 1 \\",
             "            if False and indices[0] is None and indices[1] is not None and _dim(indices[1]) == 1 \\",
             (WM + "::test_a_stacked_write_the_split_cannot_reach_is_refused_with_the_per_half_rewrite",),
             "cmp[:, slots] = where(...) reported as an ignored write, not a refused compression"),
    Mutation("split_picks_half_0", RW, "        return _call(self.graph, aten.select.int, (x, 0, h))",
             "        return _call(self.graph, aten.select.int, (x, 0, 0))",
             (WM + "::test_one_write_into_both_halves_of_a_stacked_cache_fuses_one_call_per_half",),
             "the split of a joint stacked write is not an identity (every half reads half 0's tokens)"),
    Mutation("redirect_scratch_unchecked", RW, "        if k is not None and 0 <= k < extra:",
             "        if k is not None:",
             (R + "::test_whole_cache_spellings_that_write_other_rows_stay_unfused",),
             "a 'scratch' row inside the cache: rows that do not complete overwrite a cache row"),
    Mutation("masked_write_slots_unchecked", RW,
             "        if not isinstance(cslots, fx.Node) or not _same_index(cslots, slots):",
             "        if not isinstance(cslots, fx.Node):",
             (R + "::test_whole_cache_spellings_that_write_other_rows_stay_unfused",),
             "a whole-cache mask of other rows than the candidate writes is taken as the row write's select"),
    Mutation("select_copies_not_followed", WR,
             "        chain = _chain_back(self.values, T.CASTS | T.RESHAPES | _COPIES | {",
             "        chain = _chain_back(self.values, T.CASTS | T.RESHAPES | {",
             (R + "::test_whole_cache_spellings_of_the_row_write_fuse",),
             "a copy between the select and the write (a reshape of non-contiguous rows) hides the select"),
    Mutation("stacked_weight_wrong_rows", RW, "                if begin == start and n == size:",
             "                if n == size:",
             (WM + "::test_one_write_into_both_halves_of_a_stacked_cache_fuses_one_call_per_half",),
             "the split picks the first parameter of torch.stack([wk, wv]) for every half"),
    Mutation("flat_pool_not_a_root", RL, "        if not roots and len(flats) == 1 and",
             "        if not roots and len(flats) == -1 and",
             (WM + "::test_flat_token_pool_is_the_contract_with_page_size_one",),
             "a flat token pool [num_tokens, N, D] is not taken as the paged input with P = 1"),
    Mutation("flat_pool_note_missing", "nsa_fusion/explaining.py",
             '    if not re.search(r"page_block_size \\(1\\)", e.reason or ""):',
             "    if True:",
             (WM + "::test_explain_says_a_flat_pool_goes_to_the_portable_path_on_npu",),
             "explain does not say a flat pool is outside the Ascend kernel's limits"),
    Mutation("graph_breaks_not_reported", "nsa_fusion/explaining.py", "        if self.graph_breaks:",
             "        if False:",
             (WM + "::test_explain_says_a_per_request_loop_was_split_across_graphs",),
             "a per-request loop split by graph breaks is reported as 'no row write into a cache was found'"),
    Mutation("ge_writes_no_negative_wrap", "nsa_fusion/lowering/ge_writes.py",
             "        index = torch.where(index < 0, index + self.shape[dim], index)",
             "        pass",
             ("tests/test_ge_writes.py::test_index_put_on_leading_dims_is_the_same_write",),
             "index_put counts negative indices from the end; the scatter does not"),
    Mutation("ge_writes_masks_as_coordinates", "nsa_fusion/lowering/ge_writes.py",
             "    if any(not isinstance(i, torch.Tensor) or i.dtype not in _INDEX_DTYPES for i in index_vals):",
             "    if any(not isinstance(i, torch.Tensor) for i in index_vals):",
             ("tests/test_ge_writes.py::test_writes_it_cannot_express_are_left_as_written",),
             "a boolean mask written as coordinates"),
    Mutation("ge_writes_accumulate", "nsa_fusion/lowering/ge_writes.py",
             "        if accumulate:\n            return None", "        if False:\n            return None",
             ("tests/test_ge_writes.py::test_writes_it_cannot_express_are_left_as_written",),
             "index_put(accumulate=True) adds; the scatter overwrites"),
    Mutation("ge_writes_off", "nsa_fusion/fusion_pass.py",
             "        if self.dialect is TORCHAIR:\n            self._lower_writes_for_ge(",
             "        if False:\n            self._lower_writes_for_ge(",
             ("tests/test_torchair.py::test_kv_append_and_compression_compile_in_ge_the_append_in_place",),
             "the KV append left as an index_put GE cannot convert"),
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
    if proc.returncode in (4, 5):  # usage error / nothing collected: the selection is wrong, not the code
        print(f"BROKEN   {mutation.name}: pytest exit {proc.returncode} for {' '.join(mutation.tests)}")
        return False, time.perf_counter() - start
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
