"""Feedback for mistakes nobody listed (issue 26): what forward values miss (gradients, in-place writes,
dtype), upstream attribution, error translation, shape messages and property probes, each with its
cause id. The wrong answers here are ours, written for these tests; the held-out rounds in
benchmarks/heldout/ measure how far the feedback generalises.
"""

from __future__ import annotations

import linecache
import math
import re

import pytest
import torch

from rmc_course.exercises import ex01_attention, ex02_memory, ex03_gating, ex04_core, ex05_nth_farthest
from rmc_course.exercises.explain import CAUSES, argument_use, explain_shape
from rmc_course.guard import CheckFailed

SDPA = """
def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
"""
SPLIT = """
def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, dk, dv = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.view(B, N, H, 2 * dk + dv).transpose(1, 2)
    return qkv.split([dk, dk, dv], dim=-1)
"""
MERGE = """
def merge_heads(attended):
    B, H, N, dv = attended.shape
    return attended.transpose(1, 2).reshape(B, N, H * dv)
"""
MHA = """
def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(attended), weights
"""


def learner(source: str, name: str, namespace: dict | None = None):
    """A function as a notebook cell defines it (its own file name, the notebook's globals)."""
    namespace = namespace if namespace is not None else {"__name__": "__main__", "torch": torch, "math": math}
    filename = f"<cell {name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)  # as IPython does
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


def failure(check, fn) -> CheckFailed:
    with pytest.raises(CheckFailed) as caught:
        check(fn)
    return caught.value


def cause_of(error: CheckFailed) -> str:
    return re.search(r"\[cause: ([^\]]+)\]", str(error).split("\n")[0]).group(1)


def test_every_cause_id_is_known_and_ends_the_first_line():
    error = failure(
        ex01_attention.check_scaled_dot_product_attention,
        learner(SDPA.replace("dim=-1", "dim=-2"), "scaled_dot_product_attention"),
    )
    assert cause_of(error) == error.cause
    generic = [c for c in CAUSES if ":" not in c]
    assert {"no-gradient", "in-place", "dtype", "upstream", "transpose-T", "matmul-shapes", "batch-mixing"} <= set(
        generic
    )


def test_a_cut_gradient_loses_the_points_and_says_so():
    source = SDPA.replace(
        "    return weights @ value, weights",
        "    with torch.no_grad():\n        out = weights @ value\n    return out, weights",
    )
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(source, "scaled_dot_product_attention"))
    assert error.cause == "no-gradient" and "no gradient flows back through out" in str(error)


def test_a_detached_term_is_a_missing_gradient():
    source = """
def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + forget_gate * memory.detach()
"""
    error = failure(ex03_gating.check_apply_gates, learner(source, "apply_gates"))
    assert error.cause == "gradient-missing" and "`memory`" in str(error)


def test_an_in_place_softmax_that_breaks_backward_loses_the_points_and_says_why():
    # right values, but exp_() and /= overwrite what autograd saved for the backward pass
    source = SDPA.replace(
        "    return weights @ value, weights",
        "    exps = scores.exp_()\n    exps /= exps.sum(dim=-1, keepdim=True)\n    return exps @ value, exps",
    )
    assert "exp_()" in source
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(source, "scaled_dot_product_attention"))
    assert error.cause == "in-place-backward" and "out of place" in str(error), str(error)


def test_changing_an_input_in_place_loses_the_points():
    source = """
def apply_gates(attended_memory, memory, input_gate, forget_gate):
    memory.mul_(forget_gate)
    return input_gate * torch.tanh(attended_memory) + memory
"""
    error = failure(ex03_gating.check_apply_gates, learner(source, "apply_gates"))
    assert error.cause == "in-place" and "`memory` in place" in str(error)


def test_a_result_in_another_dtype_loses_the_points():
    source = """
def append_input_row(memory, projected_input):
    B, N, F = memory.shape
    out = torch.zeros(B, N + 1, F)
    out[:, :N] = memory
    out[:, N] = projected_input
    return out
"""
    error = failure(ex02_memory.check_append_input_row, learner(source, "append_input_row"))
    assert error.cause == "dtype" and "torch.float32, expected torch.float64" in str(error)


def test_a_hard_coded_float64_fails_in_float32():
    source = """
def append_input_row(memory, projected_input):
    return torch.cat([memory, projected_input.unsqueeze(1)], dim=1).to(torch.float64)
"""
    error = failure(ex02_memory.check_append_input_row, learner(source, "append_input_row"))
    assert error.cause == "float32"


def test_dot_T_on_a_batched_key_is_explained():
    source = SDPA.replace("key.transpose(-2, -1)", "key.T")
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(source, "scaled_dot_product_attention"))
    assert error.cause == "transpose-T" and ".transpose(-2, -1)" in str(error)
    assert "on your line 3" in str(error) and "query [" in str(error)


def test_an_untransposed_weight_is_explained():
    source = """
def project_input(projection, x):
    return x @ projection.linear.weight + projection.linear.bias
"""
    error = failure(ex02_memory.check_project_input, learner(source, "project_input"))
    assert error.cause == "matmul-shapes" and "[out_features, in_features]" in str(error)


def test_a_downstream_failure_points_at_the_earlier_function():
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    learner(SDPA.replace("dim=-1)", "dim=1)"), "scaled_dot_product_attention", namespace)
    learner(SPLIT, "split_heads", namespace)
    learner(MERGE, "merge_heads", namespace)
    error = failure(ex01_attention.check_multi_head_attention, learner(MHA, "multi_head_attention", namespace))
    assert error.cause == "upstream"
    assert "calls your `scaled_dot_product_attention`, which fails Exercise 1.1: fix that first" in str(error)


def test_right_parts_wrong_whole_is_not_blamed_upstream():
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    for source, name in ((SDPA, "scaled_dot_product_attention"), (SPLIT, "split_heads"), (MERGE, "merge_heads")):
        learner(source, name, namespace)
    wrong = MHA.replace("return merge_heads(attended), weights", "return merge_heads(attended) * 2, weights")
    error = failure(ex01_attention.check_multi_head_attention, learner(wrong, "multi_head_attention", namespace))
    assert error.cause == "scale" and "2 times the reference's" in str(error)


def test_a_result_that_mixes_batch_elements_by_a_rearrangement_is_named():
    source = """
def merge_heads(attended):
    B, H, N, dv = attended.shape
    return attended.permute(2, 1, 0, 3).reshape(B, N, H * dv)
"""
    error = failure(ex01_attention.check_merge_heads, learner(source, "merge_heads"))
    # the input rearranged: the probe names the axis order it read and the transpose that fixes it
    assert error.cause == "rearranged" and "batch elements mix" in str(error) and ".transpose(1, 2)" in str(error)


def test_a_known_mistake_is_named_by_the_bank_not_a_probe():
    source = """
def merge_heads(attended):
    B, H, N, dv = attended.shape
    return attended.reshape(B, N, H * dv)
"""
    error = failure(ex01_attention.check_merge_heads, learner(source, "merge_heads"))
    assert error.cause == "1.3:merge-no-transpose" and "Likely cause" in str(error)


def test_gates_without_sigmoid_are_named():
    source = """
def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input).unsqueeze(1)
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_gate, forget_gate = (from_memory + from_input).split(gates.gate_size, dim=-1)
    return torch.tanh(input_gate + gates.input_bias), torch.tanh(forget_gate + gates.forget_bias)
"""
    error = failure(ex03_gating.check_create_gates, learner(source, "create_gates"))
    assert error.cause == "gates-range" and "torch.sigmoid" in str(error)


def test_a_missing_axis_is_named_with_its_meaning():
    text, cause = explain_shape("memory plus input", [2, 5], [2, 4, 5], "B, N+1, F")
    assert cause == "shape-missing-axis" and "axis 1 (N+1) of size 4 is missing" in text
    text, cause = explain_shape("tiled memory", [2, 3, 1, 6], [2, 3, 6], "B, N, 2F")
    assert cause == "shape-extra-axis" and "extra axis of size 1 at position 2" in text
    text, cause = explain_shape("weights", [2, 4, 3], [2, 3, 4])
    assert cause == "shape-axis-size" and "another order" in text


def test_correct_answers_pass_and_are_never_diagnosed(capsys):
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    for source, name in ((SDPA, "scaled_dot_product_attention"), (SPLIT, "split_heads"), (MERGE, "merge_heads")):
        learner(source, name, namespace)
    ex01_attention.check_scaled_dot_product_attention(namespace["scaled_dot_product_attention"])
    ex01_attention.check_split_heads(namespace["split_heads"])
    ex01_attention.check_merge_heads(namespace["merge_heads"])
    ex01_attention.check_multi_head_attention(learner(MHA, "multi_head_attention", namespace), hidden=True)
    assert capsys.readouterr().out.count("passed") == 3


def test_a_rmc_step_with_a_wrong_attend_blames_it():
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    learner(
        """
def attend_over_memory(core, memory, projected_input):
    return memory, None
""",
        "attend_over_memory",
        namespace,
    )
    step = learner(
        """
def rmc_step(core, x_t, state):
    projected = core.input_projection(x_t)
    attended = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.flatten(1), next_state
""",
        "rmc_step",
        namespace,
    )
    error = failure(ex04_core.check_rmc_step, step)
    assert "calls your `attend_over_memory`, which fails Exercise 4.1" in str(error)


def test_a_warning_is_a_note_on_stdout_never_stderr(capsys):
    # nbgrader scores a test cell that wrote to stderr 0: a right answer whose torch call warns
    # (float() of a tensor that requires grad) must keep its points
    from rmc_course.exercises import ex05_nth_farthest

    source = """
def train_step(model, optimizer, inputs, labels):
    loss = torch.nn.functional.cross_entropy(model(inputs), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return float(loss)
"""
    # torch gives this warning once per process; a test that ran earlier in this worker may have used it up
    warn_always = torch.is_warn_always_enabled()
    torch.set_warn_always(True)
    try:
        ex05_nth_farthest.check_train_step(learner(source, "train_step"))
    finally:
        torch.set_warn_always(warn_always)
    out, err = capsys.readouterr()
    assert err == "" and "passed" in out and "Note: a warning" in out


def test_a_tensor_loss_is_not_a_float():
    from rmc_course.exercises import ex05_nth_farthest

    source = """
def train_step(model, optimizer, inputs, labels):
    loss = torch.nn.functional.cross_entropy(model(inputs), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss
"""
    error = failure(ex05_nth_farthest.check_train_step, learner(source, "train_step"))
    assert error.cause == "type" and "loss.item()" in str(error)


APPLY = """
def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + forget_gate * memory
"""
ATTEND = """
def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    weights = []
    for block in core.blocks:
        attended, w = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        weights.append(w)
    return stream[:, : memory.shape[1]], torch.stack(weights, dim=1)
"""


@pytest.mark.parametrize(
    "have, want, axes, cause, words",
    [
        ([2, 6, 4, 4], [2, 2, 3, 4, 4], "B, blocks, H, N+1, N+1", "shape-missing-axis", "torch.stack` makes a new one"),
        ([2, 3, 5, 2], [2, 3, 10], "B, N, 2F", "shape-extra-axis", "is split into two axes, 5 x 2"),
        ([60], [2, 30], "B, N*F", "shape-missing-axis", "the batch axis too"),
        ([7, 7], [7], None, "shape-extra-axis", "x[torch.arange(B), idx]"),
        ([2, 2, 30], [2, 3, 30], "B, T, N*F", "shape-axis-size", "one short: an off-by-one"),
    ],
)
def test_shape_messages_say_what_made_the_shape(have, want, axes, cause, words):
    text, found = explain_shape("result", have, want, axes)
    assert found == cause and words in text, text


@pytest.mark.parametrize(
    "body, cause, words",
    [
        ("    if memory:\n        pass\n", "tensor-truth", "is None"),
        ("    torch.zeros(2, 3 - 5)\n", "negative-size", "negative"),
        ("    a, b = memory.split(memory.shape[-1], dim=-1)\n", "split-pieces", "x.chunk(k, dim)"),
        ("    return torch.cat([memory, projected_input.unsqueeze(0)], dim=1)\n", "cat-sizes", "unsqueeze(1)"),
        ("    return memory.transpose(1, 2).view(-1), memory\n", "view-size", ".reshape(...)"),
    ],
)
def test_errors_are_translated_into_what_to_change(body, cause, words):
    source = f"""
def create_gates(gates, projected_input, memory):
    input_gate = forget_gate = memory
{body}    return input_gate, forget_gate
"""
    error = failure(ex03_gating.check_create_gates, learner(source, "create_gates"))
    assert error.cause == cause and words in str(error), str(error)


def test_matmul_for_an_elementwise_product_is_explained():
    source = APPLY.replace("input_gate * torch.tanh", "input_gate @ torch.tanh")
    error = failure(ex03_gating.check_apply_gates, learner(source, "apply_gates"))
    assert error.cause == "matmul-elementwise" and "write `a * b`" in str(error)


def test_f_linear_with_a_transposed_weight_is_explained():
    source = """
def project_input(projection, x):
    return torch.nn.functional.linear(x, projection.linear.weight.T, projection.linear.bias)
"""
    error = failure(ex02_memory.check_project_input, learner(source, "project_input"))
    assert error.cause == "matmul-shapes" and "transposes the weight itself" in str(error)


def test_an_ignored_argument_is_named():
    source = APPLY.replace("forget_gate * memory", "(1 - input_gate) * memory")
    error = failure(ex03_gating.check_apply_gates, learner(source, "apply_gates"))
    assert error.cause == "argument-ignored" and "does not change when `forget_gate` changes" in str(error)


def test_swapped_arguments_are_named():
    # the probe itself, on functions of our own (apply_gates's swap is a listed misconception, named first)
    def reference(first, second):
        return 2 * first + second

    def swapped(first, second):
        return 2 * second + first

    a, b = torch.randn(2, 3, dtype=torch.float64), torch.randn(2, 3, dtype=torch.float64)
    found = argument_use(
        swapped,
        reference,
        lambda: (a.clone(), b.clone()),
        {},
        swapped(a, b),
        reference(a, b),
        ("out",),
        ("first", "second"),
    )
    assert found is not None and found[1] == "arguments-swapped" and "`first` and `second`" in found[0]
    assert (
        argument_use(
            reference, reference, lambda: (a, b), {}, reference(a, b), reference(a, b), ("out",), ("first", "second")
        )
        is None
    )


def test_where_the_input_row_went_is_named():
    drops_first = ATTEND.replace("stream[:, : memory.shape[1]]", "stream[:, 1:]")
    error = failure(ex04_core.check_attend_over_memory, learner(drops_first, "attend_over_memory"))
    assert error.cause == "rows-drop-first" and "stream[:, :N]" in str(error)
    assert "another order" not in str(error)  # the weights are right: no probe speaks of them
    first = ATTEND.replace("[memory, projected_input[:, None, :]]", "[projected_input[:, None, :], memory]")
    error = failure(ex04_core.check_attend_over_memory, learner(first, "attend_over_memory"))
    assert error.cause == "input-row-first"


def test_a_downstream_message_carries_the_earlier_functions_diagnosis():
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    learner(ATTEND.replace("stream[:, : memory.shape[1]]", "stream[:, 1:]"), "attend_over_memory", namespace)
    step = learner(
        """
def rmc_step(core, x_t, state):
    projected = core.input_projection(x_t)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.flatten(1), next_state
""",
        "rmc_step",
        namespace,
    )
    error = failure(ex04_core.check_rmc_step, step)
    assert error.cause == "upstream" and "drops memory slot 0" in str(error)


def test_a_right_attend_over_memory_passes():
    right = learner(ATTEND, "attend_over_memory")
    ex04_core.check_attend_over_memory(right)
    ex04_core.check_attend_over_memory(right, hidden=True)


def test_no_probe_speaks_of_a_result_that_is_right():
    # out is wrong, weights are right: nothing may be said about the weights' order
    source = SDPA.replace("return weights @ value, weights", "return weights @ torch.tanh(value), weights")
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(source, "scaled_dot_product_attention"))
    assert "weights has the right values" not in str(error), str(error)


GATES = """
def create_gates(gates, projected_input, memory):
    pre = gates.memory_to_gates(torch.tanh(memory)) + gates.input_to_gates(projected_input)[:, None, :]
    i, f = pre.split(gates.gate_size, dim=-1)
    return torch.sigmoid(i + gates.input_bias), torch.sigmoid(f + gates.forget_bias)
"""
LABELS = """
def nth_farthest_labels(task, inputs):
    vectors, ids, m, n = task.decode(inputs)
    rows = torch.arange(inputs.shape[0])
    centre = vectors[rows, (ids == m[:, None]).long().argmax(dim=1)]
    distance = (vectors - centre[:, None, :]).norm(dim=-1)
    return ids[rows, distance.argsort(dim=1, descending=True)[rows, n]].long()
"""
TRAIN = """
def train_step(model, optimizer, inputs, labels):
    loss = torch.nn.functional.cross_entropy(model(inputs), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
"""


@pytest.mark.parametrize(
    "old, new, cause",
    [
        (
            "gates.input_to_gates(projected_input)",
            "gates.input_to_gates(torch.sin(projected_input))",
            "gates-input-not-affine",
        ),
        (
            "gates.memory_to_gates(torch.tanh(memory))",
            "torch.tanh(gates.memory_to_gates(memory))",
            "gates-memory-not-affine",
        ),
    ],
)
def test_gates_that_are_not_affine_where_they_must_be_are_named(old, new, cause):
    ex03_gating.check_create_gates(learner(GATES, "create_gates"), hidden=True)  # the right one passes
    error = failure(ex03_gating.check_create_gates, learner(GATES.replace(old, new), "create_gates"))
    assert error.cause == cause, str(error)


@pytest.mark.parametrize(
    "old, new, cause",
    [
        ("[rows, n]]", "[rows, (n + 1) % distance.shape[1]]]", "rank-offset"),
        (".norm(dim=-1)", ".abs().sum(dim=-1)", "wrong-distance"),
    ],
)
def test_answers_at_another_rank_or_distance_are_named(old, new, cause):
    ex05_nth_farthest.check_nth_farthest_labels(learner(LABELS, "nth_farthest_labels"), hidden=True)
    error = failure(
        ex05_nth_farthest.check_nth_farthest_labels, learner(LABELS.replace(old, new), "nth_farthest_labels")
    )
    assert error.cause == cause, str(error)


@pytest.mark.parametrize(
    "old, new, cause",
    [
        (
            "    return loss.item()",
            "    return torch.nn.functional.cross_entropy(model(inputs), labels).item()",
            "loss-after-step",
        ),
        (
            "cross_entropy(model(inputs), labels)",
            "cross_entropy(model(inputs), labels, reduction='sum')",
            "loss-summed",
        ),
        ("cross_entropy(model(inputs), labels)", "nll_loss(model(inputs), labels)", "loss-on-logits"),
        ("    return loss.item()", "    return loss.item() + 0.5", "loss-returned"),
    ],
)
def test_what_a_training_step_returns_is_named(old, new, cause):
    ex05_nth_farthest.check_train_step(learner(TRAIN, "train_step"), hidden=True)
    error = failure(ex05_nth_farthest.check_train_step, learner(TRAIN.replace(old, new), "train_step"))
    assert error.cause == cause, str(error)


def test_a_loss_computed_without_a_graph_is_explained():
    source = TRAIN.replace("    loss = torch", "    with torch.no_grad():\n        loss = torch")
    error = failure(ex05_nth_farthest.check_train_step, learner(source, "train_step"))
    assert error.cause == "no-graph" and "no_grad" in str(error)


def test_blocks_that_do_not_read_each_others_output_are_named():
    source = ATTEND.replace("    weights = []\n", "    weights = []\n    first = stream\n").replace(
        "attended, w = block.attention(stream)\n        stream = block.attention_norm(stream + attended)",
        "attended, w = block.attention(first)\n        stream = block.attention_norm(first + attended)",
    )
    assert "first + attended" in source
    error = failure(ex04_core.check_attend_over_memory, learner(source, "attend_over_memory"))
    assert error.cause == "blocks-not-chained", str(error)


def test_an_off_by_one_is_only_guessed_for_rows_and_steps():
    text, _ = explain_shape("gates", [2, 3, 4], [2, 3, 5], "B, N, G")
    assert "off-by-one" not in text
    text, _ = explain_shape("outputs", [2, 2, 30], [2, 3, 30], "B, T, N*F")
    assert "off-by-one" in text


STEP = """
def rmc_step(core, x_t, state):
    projected = core.input_projection(x_t)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.flatten(1), next_state
"""
UNROLL = """
def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
"""


@pytest.mark.parametrize(
    "old, new, causes, words",
    [
        # one change to the reference gives this one: the one-edit probe names it first, in the reference's words
        (
            "block.attention_norm(stream + attended)",
            "block.attention_norm(attended)",
            ("one-edit-term-missing",),
            "the term `rows` of `rows + attended` left out",
        ),
        (
            "block.mlp_norm(stream + core.mlp(stream))",
            "block.mlp_norm(first + core.mlp(stream))",
            ("step-input",),
            "the right sum with",
        ),
        (
            "block.mlp_norm(stream + core.mlp(stream))",
            "stream + core.mlp(stream)",
            ("one-edit-layer-missing",),
            "the LayerNorm `core.blocks.0.mlp_norm(",
        ),
    ],
)
def test_the_step_that_goes_wrong_is_named_by_what_its_layer_gets(old, new, causes, words):
    source = ATTEND.replace(
        "    for block in core.blocks:\n", "    for block in core.blocks:\n        first = stream\n"
    )
    source = source.replace(old, new)
    assert new in source
    error = failure(ex04_core.check_attend_over_memory, learner(source, "attend_over_memory"))
    assert error.cause in causes and words in str(error), str(error)


def test_a_loop_that_skips_a_step_is_named_as_shifted_calls():
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    learner(ATTEND, "attend_over_memory", namespace)
    learner(STEP, "rmc_step", namespace)
    right = learner(UNROLL, "unroll", namespace)
    ex04_core.check_unroll(right)
    wrong = learner(UNROLL.replace("range(inputs.shape[1])", "range(1, inputs.shape[1])"), "unroll", namespace)
    error = failure(ex04_core.check_unroll, wrong)
    assert "the calls are shifted" in str(error), str(error)


def test_a_constant_made_a_learning_leaf_loses_the_points():
    source = """
def initial_memory(batch_size, mem_slots, mem_size, dtype=torch.float32):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype)
    return eye.expand(batch_size, -1, -1).clone().requires_grad_(True)
"""
    right = learner(source.replace(".requires_grad_(True)", ""), "initial_memory")
    ex02_memory.check_initial_memory(right)
    error = failure(ex02_memory.check_initial_memory, learner(source, "initial_memory"))
    assert error.cause == "requires-grad", str(error)


@pytest.mark.parametrize(
    "have, want, axes, words",
    [
        ([2, 3, 5], [2, 3, 10], "B, N, 2F", "two pieces added (`+`) where they should be joined"),
        ([2, 3, 10], [2, 3, 5], "B, N, G", "two pieces joined (`torch.cat`) where they should be added"),
        ([3, 4, 10], [2, 4, 15], "B, N, H*d_v", "the batch axis grew"),
    ],
)
def test_an_axis_half_or_twice_as_long_or_a_grown_batch_is_explained(have, want, axes, words):
    text, _ = explain_shape("result", have, want, axes)
    assert words in text, text


def test_an_expand_that_cannot_line_up_is_explained():
    source = """
def tile_input(memory, projected_input):
    return torch.cat([memory, projected_input.expand(memory.shape)], dim=-1)
"""
    error = failure(ex02_memory.check_tile_input, learner(source, "tile_input"))
    assert error.cause == "expand-sizes" and "x[:, None, :]" in str(error), str(error)


def test_a_layer_norm_on_the_wrong_tensor_says_which_width_it_was_made_for():
    source = SPLIT.replace(
        "attention.qkv_layer_norm(attention.qkv_projection(rows))",
        "attention.qkv_projection(attention.qkv_layer_norm(rows))",
    )
    error = failure(ex01_attention.check_split_heads, learner(source, "split_heads"))
    assert error.cause == "layer-norm-width" and "A LayerNorm made for 26 features" in str(error), str(error)


def test_split_sizes_that_do_not_add_up_list_the_layer_s_own_sizes():
    source = SPLIT.replace("qkv.split([dk, dk, dv], dim=-1)", "qkv.split([dv, dv, dv], dim=-1)")
    error = failure(ex01_attention.check_split_heads, learner(source, "split_heads"))
    assert error.cause == "split-sizes" and "key_size = 4" in str(error) and "head_size = 5" in str(error), str(error)


def test_an_attribute_looked_up_on_the_wrong_layer_says_where_it_lives():
    source = ATTEND.replace("core.mlp(", "block.mlp(")
    assert "block.mlp(" in source
    error = failure(ex04_core.check_attend_over_memory, learner(source, "attend_over_memory"))
    assert error.cause == "attribute-missing" and "`core.mlp`" in str(error), str(error)


def test_a_course_layer_given_its_arguments_swapped_shows_its_signature():
    source = STEP.replace("core.gates(projected, state)", "core.gates(state, projected)")
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    learner(ATTEND, "attend_over_memory", namespace)
    error = failure(ex04_core.check_rmc_step, learner(source, "rmc_step", namespace))
    assert error.cause == "layer-argument-shape" and "(projected_input, memory)" in str(error), str(error)


def test_cross_entropy_on_one_logit_per_example_says_what_it_needs():
    source = TRAIN.replace("cross_entropy(model(inputs), labels)", "cross_entropy(model(inputs)[:, -1], labels)")
    assert "[:, -1]" in source
    error = failure(ex05_nth_farthest.check_train_step, learner(source, "train_step"))
    assert error.cause == "loss-input-shape" and "logits [B, C]" in str(error), str(error)


def test_a_returned_pair_used_as_a_tensor_says_to_unpack_it():
    source = MHA.replace(
        "    attended, weights = scaled_dot_product_attention(q, k, v)\n    return merge_heads(attended), weights",
        "    pair = scaled_dot_product_attention(q, k, v)\n    return merge_heads(pair), pair[1]",
    )
    assert "merge_heads(pair)" in source
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    for part, name in ((SDPA, "scaled_dot_product_attention"), (SPLIT, "split_heads"), (MERGE, "merge_heads")):
        learner(part, name, namespace)
    error = failure(ex01_attention.check_multi_head_attention, learner(source, "multi_head_attention", namespace))
    assert error.cause == "tuple-as-tensor" and "Unpack it first" in str(error), str(error)


def test_a_python_number_function_on_a_tensor_says_to_use_torch():
    source = """
def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * math.tanh(attended_memory) + forget_gate * memory
"""
    error = failure(ex03_gating.check_apply_gates, learner(source, "apply_gates"))
    assert error.cause == "python-scalar" and "torch.tanh(x)" in str(error), str(error)


def test_a_split_without_dim_says_it_cut_the_batch():
    source = SPLIT.replace("qkv.split([dk, dk, dv], dim=-1)", "torch.split(qkv, [dk, dk, dv])")
    assert "torch.split(qkv, [dk, dk, dv])" in source
    error = failure(ex01_attention.check_split_heads, learner(source, "split_heads"))
    assert error.cause == "split-sizes" and "the batch" in str(error) and "dim=-1" in str(error), str(error)


def test_a_layer_applied_twice_is_named_by_its_widths():
    source = MHA.replace("split_heads(attention, rows)", "split_heads(attention, attention.qkv_projection(rows))")
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    for part, name in ((SDPA, "scaled_dot_product_attention"), (SPLIT, "split_heads"), (MERGE, "merge_heads")):
        learner(part, name, namespace)
    error = failure(ex01_attention.check_multi_head_attention, learner(source, "multi_head_attention", namespace))
    assert error.cause == "layer-applied-twice" and "`attention.qkv_projection`" in str(error), str(error)


def test_a_weight_read_on_the_wrapper_says_which_layer_holds_it():
    source = """
def project_input(projection, inputs):
    return inputs @ projection.weight.T + projection.bias
"""
    error = failure(ex02_memory.check_project_input, learner(source, "project_input"))
    assert error.cause == "attribute-missing" and "`projection.linear.weight`" in str(error), str(error)


def test_step_localisation_names_a_layer_the_learner_never_calls():
    # called directly: in the checks the one-edit probe names this one first ("the LayerNorm ... left out")
    from rmc_course.exercises.explain import step_localisation
    from rmc_course.exercises.harness import build, randn
    from rmc_ref import core

    def make():
        rmc = build(lambda: core.RelationalMemory(input_size=7, mem_slots=3, head_size=5, num_heads=2), seed=3)
        return rmc, randn(2, 3, 10, seed=4), randn(2, 10, seed=5)

    source = ATTEND.replace("block.mlp_norm(stream + core.mlp(stream))", "stream + core.mlp(stream)")
    found = step_localisation(
        learner(source, "attend_over_memory"),
        core.RelationalMemory.attend_over_memory,
        make,
        {},
        ["core", "memory", "projected_input"],
    )
    assert found is not None and found[1] == "step-missing" and "never calls `core.blocks.0.mlp_norm`" in found[0]


# ---- round 8's lessons (issue 26): each a fresh wrong answer of ours for a diagnosis added after round 8


def test_torch_s_own_not_implemented_error_is_not_taken_for_the_stub():
    wrong = TRAIN.replace("cross_entropy(model(inputs), labels)", "cross_entropy(labels, model(inputs))")
    error = failure(ex05_nth_farthest.check_train_step, learner(wrong, "train_step"))
    assert error.cause == "integer-tensor" and "`labels` is one" in str(error) and "not written" not in str(error)


def test_the_stub_s_not_implemented_error_still_says_not_written():
    stub = 'def train_step(model, optimizer, inputs, labels):\n    raise NotImplementedError("Exercise 5.2")\n'
    assert failure(ex05_nth_farthest.check_train_step, learner(stub, "train_step")).cause == "not-written"


@pytest.mark.parametrize(
    "new, words",
    [
        ("cross_entropy(model(inputs), labels, label_smoothing=0.2)", "label_smoothing=0.2"),
        (
            "cross_entropy(model(inputs), labels) + 0.001 * sum((p * p).sum() for p in model.parameters())",
            "0.001 times the sum of the squared parameters",
        ),
        (
            "binary_cross_entropy_with_logits(model(inputs), torch.nn.functional.one_hot(labels, "
            "model(inputs).shape[-1]).double())",
            "binary cross-entropy on one-hot targets",
        ),
        ("cross_entropy(model(inputs), labels) * 1.7", "1.7 times `F.cross_entropy(logits, labels)`"),
        ("cross_entropy(model(inputs), labels) + model(inputs).pow(2).mean()", "an option or an extra term"),
    ],
)
def test_a_first_step_loss_that_is_not_the_cross_entropy_says_how_it_differs(new, words):
    wrong = TRAIN.replace("cross_entropy(model(inputs), labels)", new)
    error = failure(ex05_nth_farthest.check_train_step, learner(wrong, "train_step"))
    assert error.cause == "loss-function" and words in str(error) and "right except" not in str(error), str(error)


@pytest.mark.parametrize(
    "have, want, axes, cause, words",
    [
        ([4, 2, 9], [2, 4, 9], "B, T, N*F", "shape-axis-order", "yours is [T, B, N*F]"),
        ([2, 16, 25], [2, 4, 5], "B, N, F", "shape-repeat-sizes", "not the sizes to reach"),
        ([1, 5, 6], [2, 4, 6], "B, N, F", "shape-slice-axis", "`x[:, :-1]`"),
    ],
)
def test_shape_messages_name_an_order_a_repeat_or_a_slice_on_the_wrong_axis(have, want, axes, cause, words):
    text, found = explain_shape("result", have, want, axes)
    assert found == cause and words in text, text


def test_a_state_made_for_another_batch_names_the_call_whose_tensors_disagree():
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    learner(ATTEND, "attend_over_memory", namespace)
    learner(STEP, "rmc_step", namespace)
    wrong = learner(UNROLL.replace("initial_state(inputs.shape[0])", "initial_state(5)"), "unroll", namespace)
    error = failure(ex04_core.check_unroll, wrong)
    assert error.cause == "batch-clash" and "called `rmc_step` with" in str(error), str(error)


def test_two_axes_of_the_same_size_swapped_are_named():
    wrong = ATTEND.replace("torch.stack(weights, dim=1)", "torch.stack(weights, dim=0)")
    error = failure(ex04_core.check_attend_over_memory, learner(wrong, "attend_over_memory"))
    assert error.cause == "axes-swapped" and "(blocks) swapped" in str(error), str(error)


def test_a_causal_mask_is_named():
    wrong = SDPA.replace(
        "    weights = torch.softmax(scores, dim=-1)",
        "    scores = scores.masked_fill(torch.ones_like(scores).triu(1).bool(), float('-inf'))\n"
        "    weights = torch.softmax(scores, dim=-1)",
    )
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(wrong, "scaled_dot_product_attention"))
    assert error.cause == "masked" and "causal" in str(error), str(error)


def test_a_reduction_that_drops_its_axis_says_keepdim():
    wrong = SDPA.replace(
        "    weights = torch.softmax(scores, dim=-1)",
        "    scores = scores - scores.logsumexp(dim=-1)\n    weights = scores.exp()",
    )
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(wrong, "scaled_dot_product_attention"))
    assert error.cause == "reduction-keepdim" and "keepdim=True" in str(error), str(error)


def test_a_view_with_two_of_the_layer_s_sizes_swapped_names_them():
    wrong = SPLIT.replace(
        "H, dk, dv = attention.num_heads, attention.key_size, attention.head_size",
        "H, dv, dk = attention.num_heads, attention.key_size, attention.head_size",
    )
    error = failure(ex01_attention.check_split_heads, learner(wrong, "split_heads"))
    assert error.cause == "view-size" and "used in each other's place" in str(error), str(error)


def test_a_merge_that_reads_the_axes_in_another_order_names_the_transpose():
    wrong = MERGE.replace("attended.transpose(1, 2)", "attended.permute(0, 3, 2, 1)")
    error = failure(ex01_attention.check_merge_heads, learner(wrong, "merge_heads"))
    assert error.cause == "rearranged" and "(0, 3, 2, 1)" in str(error) and ".transpose(1, 2)" in str(error)


def test_distances_from_the_origin_are_named():
    wrong = LABELS.replace("(vectors - centre[:, None, :]).norm(dim=-1)", "vectors.norm(dim=-1)")
    error = failure(ex05_nth_farthest.check_nth_farthest_labels, learner(wrong, "nth_farthest_labels"))
    assert error.cause == "wrong-distance" and "from the origin" in str(error), str(error)


@pytest.mark.parametrize(
    "new, words",
    [
        ("torch.log_softmax(scores, dim=-1)", "`log_softmax` where the formula has the softmax"),
        ("torch.softmax(scores, dim=-1) * 0.5", "sums to 0.5"),
    ],
)
def test_weights_that_are_logs_or_scaled_after_the_softmax_are_named(new, words):
    wrong = SDPA.replace("torch.softmax(scores, dim=-1)", new)
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(wrong, "scaled_dot_product_attention"))
    assert error.cause == "rows-not-normalised" and words in str(error), str(error)


def test_a_product_of_rows_summed_where_a_matrix_product_belongs_is_named():
    wrong = SDPA.replace("query @ key.transpose(-2, -1)", "(query * key).sum(dim=-1)")
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(wrong, "scaled_dot_product_attention"))
    assert error.cause == "pair-dot" and "query @ key.transpose(-2, -1)" in str(error), str(error)


def test_a_reduction_that_stands_alone_is_not_blamed_for_keepdim():
    wrong = SDPA.replace("query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])", "(query + key).sum(dim=-1)")
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(wrong, "scaled_dot_product_attention"))
    assert error.cause != "reduction-keepdim", str(error)


def test_a_returned_pair_given_to_a_torch_function_says_to_unpack_it():
    wrong = STEP.replace("attended, _ = attend_over_memory", "attended = attend_over_memory")
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    learner(ATTEND, "attend_over_memory", namespace)
    error = failure(ex04_core.check_rmc_step, learner(wrong, "rmc_step", namespace))
    assert error.cause == "tuple-as-tensor" and "Unpack it first" in str(error), str(error)


def test_a_gate_multiplied_with_at_is_read_as_the_elementwise_product():
    wrong = STEP.replace("input_gate * torch.tanh(attended)", "input_gate @ torch.tanh(attended)")
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    learner(ATTEND, "attend_over_memory", namespace)
    error = failure(ex04_core.check_rmc_step, learner(wrong, "rmc_step", namespace))
    assert error.cause == "matmul-elementwise" and "write `a * b`" in str(error), str(error)


def test_weights_of_rows_in_another_order_are_named_as_rolled():
    wrong = ATTEND.replace(
        "torch.cat([memory, projected_input[:, None, :]], dim=1)",
        "torch.cat([projected_input[:, None, :], memory], dim=1)",
    ).replace("stream[:, : memory.shape[1]]", "stream[:, 1:]")
    error = failure(ex04_core.check_attend_over_memory, learner(wrong, "attend_over_memory"))
    assert error.cause == "rolled" and "input row placed first" in str(error), str(error)


def test_an_axis_that_keeps_one_of_several_says_a_loop_overwrote_it():
    text, cause = explain_shape("weights", [2, 1, 2, 4, 4], [2, 3, 2, 4, 4], "B, blocks, H, N+1, N+1")
    assert cause == "shape-axis-size" and "overwrites a variable" in text, text


def test_zeros_in_a_result_that_is_not_attention_weights_are_not_called_a_mask():
    from rmc_course.exercises.explain import zeroed_entries

    want = torch.ones(2, 3, 3)
    have = want.clone()
    have[:, 0, 1] = 0
    assert zeroed_entries("outputs", have, want) is None and zeroed_entries("weights", have, want) is not None


@pytest.mark.parametrize(
    "body",
    [
        "    layer = torch.nn.Linear(inputs.shape[-1], projection.linear.out_features)\n    return layer(inputs)\n",
        "    layer = torch.nn.Linear(inputs.shape[-1], projection.linear.out_features).double()\n"
        "    return layer(inputs)\n",
    ],
)
def test_a_layer_built_inside_the_function_is_named(body):
    error = failure(
        ex02_memory.check_project_input, learner(f"def project_input(projection, inputs):\n{body}", "project_input")
    )
    assert error.cause == "fresh-layer" and "never trained" in str(error), str(error)


def test_a_split_on_another_axis_than_the_features_says_which_axis_it_cut():
    source = """
def create_gates(gates, projected_input, memory):
    total = gates.input_to_gates(projected_input)[:, None, :] + gates.memory_to_gates(torch.tanh(memory))
    i, f = total.split(gates.gate_size, dim=1)
    return torch.sigmoid(i + gates.input_bias), torch.sigmoid(f + gates.forget_bias)
"""
    error = failure(ex03_gating.check_create_gates, learner(source, "create_gates"))
    assert error.cause == "split-pieces" and "`dim=-1`" in str(error), str(error)


# ---- probes added after round 10 (our own wrong answers, not the round's files) ----


def test_query_normalised_to_unit_length_is_named_as_scale_invariant():
    wrong = SDPA.replace(
        "    scores = query",
        "    query = query / query.norm(dim=-1, keepdim=True)\n    scores = query",
    )
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(wrong, "scaled_dot_product_attention"))
    assert error.cause == "scale-invariant" and "`query` is multiplied by 3" in str(error), str(error)


def test_dropout_inside_the_function_is_named_as_random():
    wrong = SDPA.replace("return weights @ value", "return torch.nn.functional.dropout(weights, 0.3) @ value")
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(wrong, "scaled_dot_product_attention"))
    assert error.cause == "random-result" and "Dropout" in str(error), str(error)


def test_a_gate_that_is_one_minus_the_right_one_names_the_sign_in_the_sigmoid():
    wrong = GATES.replace("torch.sigmoid(i + gates.input_bias)", "torch.sigmoid(-(i + gates.input_bias))")
    error = failure(ex03_gating.check_create_gates, learner(wrong, "create_gates"))
    assert error.cause == "complement" and "1 minus the reference's" in str(error), str(error)


def test_outputs_kept_one_step_late_are_named():
    wrong = UNROLL.replace("    outputs = []\n", "    outputs = [state.flatten(1)]\n").replace(
        "torch.stack(outputs, dim=1)", "torch.stack(outputs[:-1], dim=1)"
    )
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    learner(ATTEND, "attend_over_memory", namespace)
    learner(STEP, "rmc_step", namespace)
    error = failure(ex04_core.check_unroll, learner(wrong, "unroll", namespace))
    assert error.cause == "time-shift" and "one step late" in str(error), str(error)


@pytest.mark.parametrize(
    "start, cause, words",
    [
        # float32 ones meet the float64 core: the dtype, and beyond it the start itself
        ("torch.ones(inputs.shape[0], *core.initial_state(1).shape[1:])", "unroll-start", "core.initial_state("),
        # the right start in float32: only the dtype is wrong
        ("core.initial_state(inputs.shape[0]).float()", "dtype-mix", "only the dtype is left to fix"),
    ],
)
def test_a_start_state_in_another_dtype_says_what_is_left_after_the_dtype(start, cause, words):
    wrong = UNROLL.replace("core.initial_state(inputs.shape[0])", start)
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    learner(ATTEND, "attend_over_memory", namespace)
    learner(STEP, "rmc_step", namespace)
    error = failure(ex04_core.check_unroll, learner(wrong, "unroll", namespace))
    assert error.cause == cause and words in str(error), str(error)


def test_labels_that_mix_steps_and_ids_are_named():
    # the distance ranking answered with step positions mapped through the ids the wrong way
    wrong = LABELS.replace(
        "return ids[rows, distance.argsort(dim=1, descending=True)[rows, n]].long()",
        "return ids.argsort(dim=1)[rows, distance.argsort(dim=1, descending=True)[rows, n]].long()",
    )
    error = failure(ex05_nth_farthest.check_nth_farthest_labels, learner(wrong, "nth_farthest_labels"))
    assert error.cause == "steps-as-ids" and "id order" in str(error), str(error)


def test_a_slot_written_over_by_the_input_row_is_named_as_missing():
    source = """
def append_input_row(memory, projected_input):
    out = memory.clone()
    out[:, 0] = projected_input
    return out
"""
    error = failure(ex02_memory.check_append_input_row, learner(source, "append_input_row"))
    assert error.cause == "entries-missing" and "expected entry 0 is missing" in str(error), str(error)


def test_right_values_in_a_shape_without_the_batch_axis_say_only_the_shape_is_wrong():
    wrong = MERGE.replace("reshape(B, N, H * dv)", "reshape(B * N, H * dv)")
    error = failure(ex01_attention.check_merge_heads, learner(wrong, "merge_heads"))
    assert error.cause == "shape-only" and "only the shape is wrong" in str(error), str(error)


def test_heads_joined_as_rows_say_which_axis_they_belong_on():
    text, cause = explain_shape("merged", [2, 12, 5], [2, 4, 15], "B, N, H*d_v")
    assert cause == "shape-factor-moved" and "`torch.cat(pieces, dim=2)`" in text, text
    wrong = MERGE.replace("attended.transpose(1, 2).reshape(B, N, H * dv)", "torch.cat(attended.unbind(1), dim=1)")
    error = failure(ex01_attention.check_merge_heads, learner(wrong, "merge_heads"))
    assert error.cause == "shape-factor-moved", str(error)


def test_vstack_on_batched_tensors_says_it_joins_the_batch_axis():
    source = """
def append_input_row(memory, projected_input):
    return torch.vstack([memory, projected_input[:, None, :]])
"""
    error = failure(ex02_memory.check_append_input_row, learner(source, "append_input_row"))
    assert error.cause == "numpy-stack" and "axis 0 is the batch" in str(error), str(error)


def test_a_layer_called_once_more_per_block_says_how_many_times():
    wrong = ATTEND.replace("core.mlp(stream)", "core.mlp(core.mlp(stream))")
    error = failure(ex04_core.check_attend_over_memory, learner(wrong, "attend_over_memory"))
    assert error.cause == "step-count" and "a call too many" in str(error), str(error)


def test_slots_past_the_width_that_are_not_zero_are_named():
    source = """
def initial_memory(batch_size, mem_slots, mem_size, dtype=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype)
    if mem_slots > mem_size:
        eye[mem_size:, -1] = 1
    return eye.repeat(batch_size, 1, 1)
"""
    error = failure(ex02_memory.check_initial_memory, learner(source, "initial_memory"))
    assert error.cause == "init-past-width" and "not all zero" in str(error), str(error)


def test_a_layer_given_features_joined_twice_says_which_axis_grew():
    from rmc_course.exercises.explain import _layer_shape_sizes

    text = _layer_shape_sizes("rows must have shape [B, N, 9], got [3, 4, 18]: attention expects ...")
    assert "18 = 2 x 9" in text and "`dim=1`" in text, text
    assert _layer_shape_sizes("rows must have shape [B, N, 9], got [3, 4, 9]") == ""


def test_a_layer_input_of_another_shape_does_not_crash_the_step_probe():
    from torch import nn

    from rmc_course.exercises.explain import step_localisation

    def make():
        torch.manual_seed(0)
        return nn.ModuleDict({"a": nn.Linear(4, 4), "c": nn.Linear(4, 4)}), torch.randn(2, 3, 4)

    def reference(layers, x):
        return layers["c"](x[:, :2]).sum() + layers["a"](x).sum()

    def wrong(layers, x):  # layer a gets [2, 2, 4] where the reference gives it [2, 3, 4]
        return layers["c"](x[:, :2]).sum() + layers["a"](x[:, :2]).sum()

    found = step_localisation(wrong, reference, make, {}, ["layers", "x"])
    assert found is not None and found[1] == "step-input" and "`layers.a`" in found[0], found


def test_a_probe_that_fails_says_nothing_but_a_breach_goes_through(monkeypatch):
    from rmc_course.exercises.harness import _guarded

    monkeypatch.delenv("RMC_STRICT_PROBES")  # as in the grader (the tests make a failing probe raise)
    from rmc_course.guard import IntegrityError

    def broken():
        raise RuntimeError("a probe met a result it did not expect")

    def breach():
        raise IntegrityError("reference code ran inside the learner's call")

    assert _guarded(broken) is None
    with pytest.raises(IntegrityError):
        _guarded(breach)
    monkeypatch.setenv("RMC_STRICT_PROBES", "1")
    with pytest.raises(RuntimeError):
        _guarded(broken)


# ---- checks added after round 11 (our own wrong answers, not the round's files) ----


def test_dropout_on_the_returned_weights_is_named_random_before_the_row_sums():
    wrong = SDPA.replace(
        "    weights = torch.softmax(scores, dim=-1)",
        "    weights = torch.nn.functional.dropout(torch.softmax(scores, dim=-1), 0.2)",
    )
    error = failure(ex01_attention.check_scaled_dot_product_attention, learner(wrong, "scaled_dot_product_attention"))
    assert error.cause == "random-result", str(error)


def test_a_gate_that_ignores_one_of_its_inputs_is_named_per_result():
    source = """
def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :].expand(-1, memory.shape[1], -1)
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    i, _ = from_input.split(gates.gate_size, dim=-1)
    _, f = (from_input + from_memory).split(gates.gate_size, dim=-1)
    return torch.sigmoid(i + gates.input_bias), torch.sigmoid(f + gates.forget_bias)
"""
    error = failure(ex03_gating.check_create_gates, learner(source, "create_gates"))
    assert error.cause == "argument-ignored" and "your input gate does not change when `memory`" in str(error)


def test_a_batch_interleaved_symmetrically_is_still_named_as_mixing():
    source = """
def tile_input(memory, projected_input):
    B, N, F = memory.shape
    tiled = projected_input.repeat(N, 1).view(B, N, F)
    return torch.cat([memory, tiled], dim=-1)
"""
    error = failure(ex02_memory.check_tile_input, learner(source, "tile_input"))
    assert error.cause == "batch-mixing" and "repeat_interleave" in str(error), str(error)


@pytest.mark.parametrize(
    "have, want, axes, cause, words",
    [
        ([1, 3, 5], [2, 3, 5], "B, N, F", "shape-batch-one", "one copy per batch element"),
        ([4, 2, 12], [4, 3, 6], "B, N, G", "shape-split-axis", "`dim=-1`"),
    ],
)
def test_shape_messages_for_one_batch_copy_and_a_split_on_the_wrong_axis(have, want, axes, cause, words):
    text, found = explain_shape("gate", have, want, axes)
    assert found == cause and words in text, text


def test_a_layer_given_a_slice_that_kept_its_axis_says_index_it():
    from rmc_course.exercises.explain import _layer_shape_sizes

    text = _layer_shape_sizes("input x_t must have shape [B, 7], got [2, 1, 7]: one time step per call")
    assert "extra axis of size 1 at position 1" in text and "`x[:, t]`" in text, text


def test_weights_that_shrink_inside_the_loop_explain_the_stack_error():
    wrong = ATTEND.replace("        weights.append(w)\n", "        weights.append(w)\n        stream = stream[:, 1:]\n")
    wrong = wrong.replace("stream[:, : memory.shape[1]]", "stream")
    error = failure(ex04_core.check_attend_over_memory, learner(wrong, "attend_over_memory"))
    assert error.cause == "stack-sizes" and "changes size from one pass to the next" in str(error), str(error)


def test_inputs_transposed_before_the_model_name_the_axis_the_logits_took():
    wrong = TRAIN.replace("model(inputs)", "model(inputs.transpose(0, 1))")
    error = failure(ex05_nth_farthest.check_train_step, learner(wrong, "train_step"))
    assert error.cause == "loss-batch" and "axis 1 of `inputs`" in str(error), str(error)


def test_torch_s_attention_unpacked_into_two_names_is_named():
    namespace = {"__name__": "__main__", "torch": torch, "math": math, "F": torch.nn.functional}
    for source, name in ((SDPA, "scaled_dot_product_attention"), (SPLIT, "split_heads"), (MERGE, "merge_heads")):
        learner(source, name, namespace)
    wrong = MHA.replace("scaled_dot_product_attention(q, k, v)", "F.scaled_dot_product_attention(q, k, v)")
    error = failure(ex01_attention.check_multi_head_attention, learner(wrong, "multi_head_attention", namespace))
    assert error.cause == "unpacked-tensor" and "returns a single tensor" in str(error), str(error)


def test_the_input_added_to_every_slot_is_named():
    source = """
def append_input_row(memory, projected_input):
    row = projected_input[:, None, :]
    return torch.cat([memory + row, row], dim=1)
"""
    error = failure(ex02_memory.check_append_input_row, learner(source, "append_input_row"))
    assert error.cause == "argument-added" and "plus `projected_input`" in str(error), str(error)


def test_object_m_made_the_farthest_is_named():
    wrong = LABELS.replace(
        "    return ids[rows",
        "    distance = distance + (ids == m[:, None]) * 1e9\n    return ids[rows",
    )
    error = failure(ex05_nth_farthest.check_nth_farthest_labels, learner(wrong, "nth_farthest_labels"))
    assert error.cause == "m-ranked-first" and "object m itself first" in str(error), str(error)


def test_a_step_that_changes_the_learning_rate_is_named():
    wrong = TRAIN.replace("    optimizer.step()", "    optimizer.param_groups[0]['lr'] = 0.003\n    optimizer.step()")
    error = failure(ex05_nth_farthest.check_train_step, learner(wrong, "train_step"))
    assert error.cause == "optimizer-changed" and "`lr`" in str(error), str(error)


def test_heads_cut_after_a_transpose_of_the_projection_are_named():
    wrong = SPLIT.replace(
        "qkv.view(B, N, H, 2 * dk + dv).transpose(1, 2)", "qkv.transpose(1, 2).reshape(B, H, N, 2 * dk + dv)"
    )
    error = failure(ex01_attention.check_split_heads, learner(wrong, "split_heads"))
    assert error.cause == "split-heads-order" and "no transpose before" in str(error), str(error)


def test_a_result_of_an_earlier_function_left_unused_is_named():
    namespace = {"__name__": "__main__", "torch": torch, "math": math}
    for source, name in ((SDPA, "scaled_dot_product_attention"), (SPLIT, "split_heads"), (MERGE, "merge_heads")):
        learner(source, name, namespace)
    wrong = MHA.replace(
        "scaled_dot_product_attention(q, k, v)", "scaled_dot_product_attention(q, k, torch.ones_like(v))"
    )
    error = failure(ex01_attention.check_multi_head_attention, learner(wrong, "multi_head_attention", namespace))
    assert error.cause == "callee-output-unused" and "the `v` that your `split_heads` returns" in str(error)
    # the stand-in the probe puts in the notebook's place is gone afterwards
    assert namespace["split_heads"].__code__.co_filename == "<cell split_heads>"


# ---- checks added after round 12 (our own wrong answers, not the round's files) ----


def test_a_forget_gate_made_from_the_input_gate_is_named_coupled():
    wrong = GATES.replace("torch.sigmoid(f + gates.forget_bias)", "1 - torch.sigmoid(i + gates.input_bias)")
    error = failure(ex03_gating.check_create_gates, learner(wrong, "create_gates"))
    assert error.cause == "coupled-results" and "1 minus your input gate" in str(error), str(error)


def test_the_same_block_at_every_pass_is_named():
    wrong = ATTEND.replace(
        "    for block in core.blocks:\n", "    for _ in core.blocks:\n        block = core.blocks[-1]\n"
    )
    error = failure(ex04_core.check_attend_over_memory, learner(wrong, "attend_over_memory"))
    assert error.cause == "step-count" and "never `core.blocks.0`" in str(error), str(error)


def test_the_first_element_s_question_used_for_the_whole_batch_is_named():
    wrong = LABELS.replace(
        "distance.argsort(dim=1, descending=True)[rows, n]", "distance.argsort(dim=1, descending=True)[rows, n[0]]"
    )
    error = failure(ex05_nth_farthest.check_nth_farthest_labels, learner(wrong, "nth_farthest_labels"))
    assert error.cause == "batch-mixing" and "used for the whole batch" in str(error), str(error)


def test_a_reversal_of_the_batch_axis_is_named():
    wrong = LABELS.replace("distance.argsort(dim=1, descending=True)", "distance.argsort(dim=1).flip(0)")
    error = failure(ex05_nth_farthest.check_nth_farthest_labels, learner(wrong, "nth_farthest_labels"))
    assert error.cause == "batch-mixing" and "reverses axis 0" in str(error), str(error)


def test_a_numpy_reversal_by_a_negative_step_says_flip():
    wrong = LABELS.replace("distance.argsort(dim=1, descending=True)", "distance.argsort(dim=1)[:, ::-1]")
    error = failure(ex05_nth_farthest.check_nth_farthest_labels, learner(wrong, "nth_farthest_labels"))
    assert error.cause == "negative-step" and "`x.flip(dim)`" in str(error), str(error)


def test_m_and_n_taken_in_each_other_s_place_are_named():
    wrong = LABELS.replace("vectors, ids, m, n = task.decode(inputs)", "vectors, ids, n, m = task.decode(inputs)")
    error = failure(ex05_nth_farthest.check_nth_farthest_labels, learner(wrong, "nth_farthest_labels"))
    assert error.cause == "m-n-swapped" and "(vectors, object_ids, m, n)" in str(error), str(error)


def test_a_mix_that_leaves_element_0_alone_is_found_by_the_reversed_batch():
    wrong = LABELS.replace(
        "    return ids[rows, distance.argsort(dim=1, descending=True)[rows, n]].long()",
        "    answers = ids[rows, distance.argsort(dim=1, descending=True)[rows, n]].long()\n"
        "    return torch.cat([answers[:1], answers[1:].roll(1)])",
    )
    error = failure(ex05_nth_farthest.check_nth_farthest_labels, learner(wrong, "nth_farthest_labels"))
    assert error.cause == "batch-mixing" and "reversing the batch did not just reverse" in str(error), str(error)
