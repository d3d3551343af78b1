"""The one-edit probe (rmc_course.exercises.one_edit): a wrong result that one change to the reference's
computation reproduces is named by that change, in the computation's own names; a right result, or one
no single change gives, gets nothing."""

from __future__ import annotations

import torch

from rmc_course.exercises import one_edit
from rmc_course.exercises.harness import build, randn
from rmc_ref import attention, gating

GATES = ["attended_memory", "memory", "input_gate", "forget_gate"]


def _gating_args():
    # B=2, N=3, F=5; gates in (0, 1) as create_gates gives them
    return (
        randn(2, 3, 5, seed=1),
        randn(2, 3, 5, seed=2),
        torch.sigmoid(randn(2, 3, 5, seed=3)),
        torch.sigmoid(randn(2, 3, 5, seed=4)),
    )


def _apply_gates(fn):
    return one_edit.nearest_edit(gating.apply_gates, _gating_args, {}, fn(*_gating_args()), ("next memory",), GATES)


def test_a_right_result_gets_nothing():
    assert _apply_gates(lambda m_att, m, i, f: i * torch.tanh(m_att) + f * m) is None


def test_the_old_memory_inside_the_tanh_is_named_as_a_term_added_there():
    text, cause = _apply_gates(lambda m_att, m, i, f: i * torch.tanh(m_att + m) + f * m)
    assert cause == "one-edit-extra-term"
    assert "`memory` added to `attended_memory` in `tanh(attended_memory)`" in text


def test_the_forget_gate_on_the_attended_memory_is_named_as_the_wrong_operand():
    text, cause = _apply_gates(lambda m_att, m, i, f: i * torch.tanh(m_att) + f * m_att)
    assert cause == "one-edit-other-operand"
    assert "`attended_memory` used where `memory` belongs, in `forget_gate * memory`" in text


def test_a_second_sigmoid_on_both_gates_is_named_with_both_arguments():
    text, cause = _apply_gates(lambda m_att, m, i, f: torch.sigmoid(i) * torch.tanh(m_att) + torch.sigmoid(f) * m)
    assert cause == "one-edit-extra-nonlinearity"
    assert "`sigmoid` applied to `input_gate` and `forget_gate`" in text


def test_a_missing_tanh_and_another_nonlinearity_are_told_apart():
    text, cause = _apply_gates(lambda m_att, m, i, f: i * m_att + f * m)
    assert cause == "one-edit-nonlinearity-missing" and "`tanh` of `tanh(attended_memory)` left out" in text
    text, cause = _apply_gates(lambda m_att, m, i, f: i * torch.sigmoid(m_att) + f * m)
    assert cause == "one-edit-other-nonlinearity" and "with `sigmoid` instead of `tanh`" in text


def test_a_left_out_term_and_the_argument_returned_as_it_came():
    text, cause = _apply_gates(lambda m_att, m, i, f: i * torch.tanh(m_att))
    assert cause == "one-edit-term-missing" and "`forget_gate * memory`" in text
    text, cause = _apply_gates(lambda m_att, m, i, f: m)
    assert cause == "one-edit-returned" and "`memory`, the argument as it came in" in text


def test_a_gate_s_complement_is_named_as_such():
    text, cause = _apply_gates(lambda m_att, m, i, f: i * torch.tanh(m_att) + (1 - f) * m)
    assert cause == "one-edit-complement" and "`1 - forget_gate` used where `forget_gate` belongs" in text
    text, cause = _apply_gates(lambda m_att, m, i, f: i * torch.tanh(m_att) + (1 - i) * m)
    assert cause == "one-edit-complement" and "`1 - input_gate` used where `forget_gate` belongs" in text


def test_a_mistake_of_two_unrelated_changes_gets_nothing():
    assert _apply_gates(lambda m_att, m, i, f: f * torch.tanh(m_att) + i * m * 2) is None


def _sdpa_args():
    # B=2, Nq=3 queries, Nk=4 keys, d_k=5, d_v=6
    return randn(2, 3, 5, seed=5), randn(2, 4, 5, seed=6), randn(2, 4, 6, seed=7)


def _sdpa(fn):
    got = fn(*_sdpa_args())
    return one_edit.nearest_edit(
        attention.scaled_dot_product_attention, _sdpa_args, {}, got, ("out", "weights"), ["query", "key", "value"]
    )


def _attention(q, k, v, scale, dim=-1):
    weights = torch.softmax(q @ k.transpose(-2, -1) * scale, dim=dim)
    return weights @ v, weights


def test_a_scale_from_the_wrong_axis_says_which_size_it_used():
    text, cause = _sdpa(lambda q, k, v: _attention(q, k, v, k.size(1) ** -0.5))
    assert cause == "one-edit-other-constant"
    assert "1/sqrt(5)" in text and "1/sqrt(4), with 4 the size of axis 1 of `key`" in text


def test_a_scale_without_its_square_root_and_a_softmax_over_the_wrong_axis():
    text, cause = _sdpa(lambda q, k, v: _attention(q, k, v, 1 / 5))
    assert cause == "one-edit-other-constant" and "1/5 where 1/sqrt(5) belongs" in text
    text, cause = _sdpa(lambda q, k, v: _attention(q, k, v, 5**-0.5, dim=1))
    assert cause == "one-edit-other-axis" and "over axis 1 (of 3) instead of axis -1" in text


def test_the_same_wrong_result_always_gets_the_same_message():
    def wrong(m_att, m, i, f):
        return i * torch.tanh(m_att) + f * m_att

    assert _apply_gates(wrong) == _apply_gates(wrong)


def test_the_probe_leaves_no_torch_function_mode_behind():
    _apply_gates(lambda m_att, m, i, f: i * torch.tanh(m_att) + f * m_att)
    assert torch._C._len_torch_function_stack() == 0


def _core_case():
    # B=2, T=3 steps, input 7, N=3 slots, F=2 heads x 5 = 10: the sizes differ from one another
    from rmc_ref import core

    def make():
        rmc = build(lambda: core.RelationalMemory(input_size=7, mem_slots=3, head_size=5, num_heads=2), seed=3)
        return rmc, randn(2, 3, 7, seed=4)

    return core.RelationalMemory.unroll, make


def _unroll(learner_loop):
    reference, make = _core_case()
    rmc, inputs = make()
    state = rmc.initial_state(inputs.shape[0])
    got = learner_loop(rmc, inputs, state)
    return one_edit.nearest_edit(reference, make, {}, got, ("outputs", "final state"), ["core", "inputs"])


def test_a_loop_that_stops_early_is_told_by_the_run_its_state_comes_from():
    def stops_early(rmc, inputs, state):
        outputs = []
        for t in range(inputs.shape[1] - 1):
            output, state = rmc(inputs[:, t], state)
            outputs.append(output)
        return torch.stack(outputs, dim=1), state

    text, cause = _unroll(stops_early)
    assert cause == "one-edit-returned" and "after its run 2 of 3" in text


def test_outputs_joined_with_cat_are_named_in_the_loop_s_own_words():
    def joined(rmc, inputs, state):
        outputs = []
        for t in range(inputs.shape[1]):
            output, state = rmc(inputs[:, t], state)
            outputs.append(output)
        return torch.cat(outputs, dim=1), state

    text, cause = _unroll(joined)
    assert cause == "one-edit-other-function" and "`stack(outputs, dim=1)` computed with `cat`" in text


def test_a_change_inside_the_step_is_found_in_every_step_of_the_loop():
    def tanh_on_state(rmc, inputs, state):  # the gates get tanh(tanh(M)) at every step
        outputs = []
        for t in range(inputs.shape[1]):
            projected = rmc.input_projection(inputs[:, t])
            attended, _ = rmc.attend_over_memory(state, projected)
            input_gate, forget_gate = rmc.gates(projected, torch.tanh(state))
            state = input_gate * torch.tanh(attended) + forget_gate * state
            outputs.append(state.flatten(1))
        return torch.stack(outputs, dim=1), state

    text, cause = _unroll(tanh_on_state)
    assert cause == "one-edit-extra-nonlinearity" and "`tanh(state)` (a second one)" in text


def test_an_item_of_split_s_result_can_stand_for_another_operand():
    # the queries used as the keys: q comes out of a split with k and v
    def make():
        layer = build(lambda: attention.MultiHeadAttention(num_heads=2, key_size=4, head_size=5, in_features=10), 9)
        return layer, randn(2, 3, 10, seed=10)

    layer, rows = make()
    q, k, v = attention.MultiHeadAttention.split_heads(layer, rows)
    out, weights = attention.scaled_dot_product_attention(q, q, v)
    got = (out.transpose(1, 2).reshape(2, 3, 10), weights)  # [B, N, H * d_v]
    text, cause = one_edit.nearest_edit(
        attention.MultiHeadAttention.forward, make, {}, got, ("attended rows", "weights"), ["attention", "rows"]
    )
    assert cause == "one-edit-other-operand" and "used where `key` belongs" in text


def test_a_bias_added_twice_and_a_bias_left_out():
    from rmc_ref import memory

    def make():
        return build(lambda: memory.InputProjection(7, 10), seed=11), randn(2, 7, seed=12)

    projection, inputs = make()
    layer = projection.linear
    for got, cause, words in (
        (layer(inputs) + layer.bias, "one-edit-bias-twice", "added twice"),
        (inputs @ layer.weight.T, "one-edit-bias-missing", "left out"),
    ):
        text, found = one_edit.nearest_edit(
            memory.InputProjection.forward, make, {}, got, ("projected input",), ["projection", "inputs"]
        )
        assert found == cause and words in text


def _gates_case():
    def make():
        layer = build(lambda: gating.Gates(5, "unit", forget_bias=1.0, input_bias=-0.5), seed=13)
        return layer, randn(2, 5, seed=14), randn(2, 3, 5, seed=15)

    return make


def test_a_constant_of_the_layer_added_where_it_does_not_belong_is_named():
    make = _gates_case()
    gates, x, m = make()
    pre = gates.input_to_gates(x)[:, None, :] + gates.memory_to_gates(torch.tanh(m))
    i, f = pre.split(gates.gate_size, dim=-1)
    got = torch.sigmoid(i + gates.input_bias), torch.sigmoid(f + gates.forget_bias + gates.input_bias)
    text, cause = one_edit.nearest_edit(
        gating.Gates.forward, make, {}, got, ("input gate", "forget gate"), ["gates", "projected_input", "memory"]
    )
    assert cause == "one-edit-other-constant" and "`gates.input_bias` added to it" in text


def test_results_returned_in_another_order_are_named_so():
    make = _gates_case()
    gates, x, m = make()
    i, f = gating.Gates.forward(gates, x, m)
    text, cause = one_edit.nearest_edit(
        gating.Gates.forward, make, {}, (f, i), ("input gate", "forget gate"), ["gates", "projected_input", "memory"]
    )
    assert cause == "one-edit-results-order" and "your input gate is the right forget gate" in text


def test_a_pair_unpacked_in_the_other_order_inside_a_step_is_named_as_swapped():
    from rmc_ref import core

    def make():
        rmc = build(lambda: core.RelationalMemory(input_size=7, mem_slots=3, head_size=5, num_heads=2), seed=3)
        return rmc, randn(2, 7, seed=4), randn(2, 3, 10, seed=5)

    rmc, x, state = make()
    projected = rmc.input_projection(x)
    attended, _ = rmc.attend_over_memory(state, projected)
    forget_gate, input_gate = rmc.gates(projected, state)  # the pair unpacked in the other order
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    got = (next_state.flatten(1), next_state)
    text, cause = one_edit.nearest_edit(
        core.RelationalMemory.forward, make, {}, got, ("output", "next state"), ["core", "inputs", "state"]
    )
    assert cause == "one-edit-pair-swapped" and "used in each other's place" in text, text


def test_a_tensor_of_the_computation_summed_over_an_axis_or_reshaped_without_a_transpose():
    def make():
        layer = build(lambda: attention.MultiHeadAttention(num_heads=2, key_size=4, head_size=5, in_features=10), 9)
        return layer, randn(2, 3, 10, seed=10)

    layer, rows = make()
    q, k, v = attention.MultiHeadAttention.split_heads(layer, rows)
    out, weights = attention.scaled_dot_product_attention(q, k, v)  # [B, H, N, d_v]
    for got, cause, words in (
        ((out.sum(dim=1), weights), "one-edit-reduced", "summed over its axis 1"),
        ((out.reshape(2, 3, 10), weights), "one-edit-reshaped", "without the transpose"),
    ):
        text, found = one_edit.nearest_edit(
            attention.MultiHeadAttention.forward, make, {}, got, ("attended rows", "weights"), ["attention", "rows"]
        )
        assert found == cause and words in text, text
