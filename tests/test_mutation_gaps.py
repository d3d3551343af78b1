"""Tests written for gaps that mutation testing (mutmut 3) found in the other test files.

Each test pins down behaviour that a surviving mutant changed without any test noticing: wrong
arithmetic, a dropped argument, a changed default, or an error message that lost the name or the
shapes it should report. Dimensions are small and pairwise distinct: B=2, N=3 slots, H=2 heads,
head_size 5, key_size 4, input_size 7 (so F = 10).
"""

from __future__ import annotations

import re

import pytest
import torch
import torch.nn.functional as F_
from torch.testing import assert_close

from helpers import randn
from rmc_ref import (LSTMBaseline, MultiHeadAttention, RelationalMemory, SequenceClassifier,
                     count_parameters, initial_memory, matched_lstm_hidden_size,
                     scaled_dot_product_attention)
from rmc_ref.baselines import _closest_hidden_size, lstm_parameter_count


def _matched_lstm(core, num_layers=1, tolerance=0.1, num_classes=None, head_hidden_sizes=None):
    """The LSTM the course builds for a core: LSTMBaseline sized by matched_lstm_hidden_size."""
    hidden = matched_lstm_hidden_size(core, num_layers, tolerance, num_classes, head_hidden_sizes)
    return LSTMBaseline(core.input_size, hidden, num_layers)
from rmc_ref.classifier import head_parameter_count, mlp_head
from rmc_ref.gating import Gates, apply_gates, gate_size
from rmc_ref.memory import InputProjection, append_input_row, tile_input
from rmc_ref.tasks import NthFarthest
from rmc_ref.tasks.nth_farthest import _ordinal

B, N, H, HEAD, KEY, IN = 2, 3, 2, 5, 4, 7
F = H * HEAD
DTYPE = torch.float64


def _randn(*shape, seed: int) -> torch.Tensor:
    return randn(*shape, seed=seed, dtype=DTYPE)


def _core(**overrides) -> RelationalMemory:
    kwargs = dict(input_size=IN, mem_slots=N, head_size=HEAD, num_heads=H, key_size=KEY)
    kwargs.update(overrides)
    torch.manual_seed(0)
    return RelationalMemory(**kwargs).to(DTYPE)


# ----------------------------------------------------------------------------------------------
# Attention: inputs with no head axis, or no batch axis at all
# ----------------------------------------------------------------------------------------------
def test_sdpa_accepts_two_and_three_dim_inputs_with_nk_not_equal_to_dk():
    """The contract is ``[..., Nq, d_k]``: 2-D inputs are fine, and the value check must compare
    value rows with key rows (dim -2), which a 3-D key with Nk != d_k tells apart from dim 2."""
    n_q, n_k, d_v = 3, 6, 5
    for lead in [(), (B,)]:
        q = _randn(*lead, n_q, KEY, seed=1)
        k = _randn(*lead, n_k, KEY, seed=2)
        v = _randn(*lead, n_k, d_v, seed=3)
        out, weights = scaled_dot_product_attention(q, k, v)
        assert out.shape == (*lead, n_q, d_v) and weights.shape == (*lead, n_q, n_k)
        assert_close(out, F_.scaled_dot_product_attention(q, k, v))
        assert_close(weights, torch.softmax(q @ k.transpose(-1, -2) / KEY ** 0.5, dim=-1))


def test_sdpa_rank_mismatch_names_all_three_shapes():
    q = _randn(B, H, N, KEY, seed=1)
    with pytest.raises(ValueError) as info:  # only the key has the wrong number of dims
        scaled_dot_product_attention(q, _randn(H, N, KEY, seed=2), _randn(B, H, N, HEAD, seed=3))
    message = str(info.value)
    assert "same number of dims" in message
    assert f"[{B}, {H}, {N}, {KEY}]" in message and f"[{H}, {N}, {KEY}]" in message
    with pytest.raises(ValueError) as info:  # 1-D query, key and value: no row axis
        scaled_dot_product_attention(_randn(KEY, seed=1), _randn(KEY, seed=2), _randn(KEY, seed=3))
    assert "same number of dims (>= 2)" in str(info.value)


# ----------------------------------------------------------------------------------------------
# Memory: dtype and device of the initial memory
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float64])
@pytest.mark.parametrize("mem_size", [F, 2])  # padded (F > N) and truncated (F < N)
def test_initial_memory_keeps_the_requested_dtype(dtype, mem_size):
    memory = initial_memory(B, N, mem_size, dtype=dtype)
    assert memory.dtype == dtype
    expected = torch.eye(N, max(N, mem_size), dtype=torch.float64)[:, :mem_size].expand(B, -1, -1)
    assert_close(memory.double(), expected, rtol=0, atol=0)


def test_initial_memory_and_initial_state_keep_the_device():
    """The meta device exists on every machine, so a dropped ``device=`` shows up without a GPU."""
    for mem_size in (F, 2):  # with and without the zero padding
        assert initial_memory(B, N, mem_size, device="meta").device.type == "meta"
    core = RelationalMemory(IN, N, HEAD, num_heads=H).to("meta")
    assert core.initial_state(B).device.type == "meta"


# ----------------------------------------------------------------------------------------------
# Gating and the core: sizes, defaults and stored arguments
# ----------------------------------------------------------------------------------------------
def test_gate_size_per_style_and_bad_style():
    assert gate_size("unit", F) == F
    assert gate_size("memory", F) == 1
    assert gate_size(None, F) == 0
    with pytest.raises(ValueError) as info:
        gate_size("bogus", F)
    assert "gate_style" in str(info.value) and "'bogus'" in str(info.value)
    with pytest.raises(ValueError) as info:
        Gates(F, "bogus")
    assert "'bogus'" in str(info.value)


def test_gates_defaults_and_attributes():
    gates = Gates(F)
    assert gates.gate_style == "unit" and gates.gate_size == F
    assert gates.forget_bias == 1.0 and gates.input_bias == 0.0
    assert Gates(F, "memory").gate_style == "memory"
    with pytest.raises(ValueError) as info:
        Gates(F, None)
    assert "gate_style" in str(info.value) and "None" in str(info.value)


def test_core_defaults_and_stored_arguments():
    core = RelationalMemory(IN, N, HEAD)
    assert (core.num_heads, core.num_blocks, core.attention_mlp_layers) == (1, 1, 2)
    assert core.key_size == HEAD and core.mem_size == HEAD
    assert (core.gate_style, core.input_mode) == ("unit", "row")
    assert (core.forget_bias, core.input_bias) == (1.0, 0.0)
    core = RelationalMemory(IN, N, HEAD, num_heads=H, gate_style="memory", forget_bias=2,
                            input_bias=-1, input_mode="tile")
    assert core.gate_style == "memory" and core.input_mode == "tile"
    assert core.forget_bias == 2.0 and core.input_bias == -1.0
    assert "gate_style='memory'" in repr(core) and "forget_bias=2.0" in repr(core)
    assert "input_bias=-1.0" in repr(core)
    projection = InputProjection(IN, F)
    assert (projection.input_size, projection.mem_size) == (IN, F)


# ----------------------------------------------------------------------------------------------
# LSTM baseline and parameter matching
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("num_layers", [1, 2])
def test_lstm_forget_bias_is_added_to_pytorch_init_not_assigned(num_layers):
    torch.manual_seed(3)
    plain = torch.nn.LSTM(IN, HEAD, num_layers=num_layers, batch_first=True)
    torch.manual_seed(3)
    baseline = LSTMBaseline(IN, HEAD, num_layers, forget_bias=1.5)
    shift = torch.zeros(4 * HEAD)
    shift[HEAD:2 * HEAD] = 1.5  # PyTorch gate order: input, forget, cell, output
    for layer in range(num_layers):
        before = getattr(plain, f"bias_ih_l{layer}")
        assert (before[HEAD:2 * HEAD] != 0).all()  # PyTorch's init is random, so += differs from =
        assert_close(getattr(baseline.lstm, f"bias_ih_l{layer}"), before + shift)


def test_lstm_state_must_be_a_pair():
    baseline = LSTMBaseline(IN, HEAD)
    h, c = baseline.initial_state(B)
    assert_close(baseline(torch.zeros(B, IN), [h, c])[0], baseline(torch.zeros(B, IN), (h, c))[0])
    with pytest.raises(ValueError, match=re.escape("tuple (h, c)")):
        baseline(torch.zeros(B, IN), (h, c, c))


def test_closest_hidden_size_is_closest_for_every_target():
    """The chosen size is at least as close as every other (ties either way); the count it
    compares is the LSTM's alone when no extra_parameters is given."""
    counts = {h: lstm_parameter_count(IN, h) for h in range(1, 40)}
    for h in (1, 2, 6):  # fail fast, not loop forever, if the count itself is wrong
        assert counts[h] == count_parameters(torch.nn.LSTM(IN, h))
    for target in range(30, 3000):
        hidden = _closest_hidden_size(target, IN, tolerance=1.0)
        best = min(abs(count - target) for count in counts.values())
        assert abs(counts[hidden] - target) == best, (target, hidden)


def test_closest_hidden_size_tolerance_default_and_boundary():
    # input 100: hidden 1 has 412 parameters, hidden 2 has 832; 544 is 24% away from 412
    with pytest.raises(ValueError, match="within 10%"):
        _closest_hidden_size(544, 100)
    assert _closest_hidden_size(544, 100, tolerance=0.5) == 1
    exact = lstm_parameter_count(IN, 6)
    assert _closest_hidden_size(exact, IN, tolerance=0.0) == 6  # "within" includes the bound


def test_matched_lstm_tolerance_default_and_forwarded():
    core = RelationalMemory(100, 2, 4, gate_style=None)  # 544 parameters: no LSTM within 10%
    assert count_parameters(core) == 544
    with pytest.raises(ValueError, match="within"):
        _matched_lstm(core)
    assert _matched_lstm(core, tolerance=0.5).hidden_size == 1


def test_matched_lstm_default_head_is_the_classifier_default():
    """With num_classes and no head_hidden_sizes, the head is SequenceClassifier's default (256,).
    This core is big enough that a (257,) head would change the matched size."""
    core = RelationalMemory(40, 8, 32, num_heads=4)
    default = _matched_lstm(core, num_classes=4)
    explicit = _matched_lstm(core, num_classes=4, head_hidden_sizes=(256,))
    assert default.hidden_size == explicit.hidden_size
    assert SequenceClassifier(core, 4).hidden_sizes == (256,)
    target = count_parameters(core) + head_parameter_count(core.output_size, (256,), 4)
    assert default.hidden_size == _closest_hidden_size(
        target, 40, extra_parameters=lambda h: head_parameter_count(h, (256,), 4))


# ----------------------------------------------------------------------------------------------
# Classifier head
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("hidden_sizes", [(), (9,), (9, 8)])
def test_head_parameter_count_matches_the_built_head(hidden_sizes):
    head = mlp_head(F * N, hidden_sizes, 5)
    assert head_parameter_count(F * N, hidden_sizes, 5) == count_parameters(head)


def test_mlp_head_has_relu_between_linears_only():
    head = mlp_head(IN, (9, 8), 5).to(DTYPE)
    kinds = [type(layer).__name__ for layer in head]
    assert kinds == ["Linear", "ReLU", "Linear", "ReLU", "Linear"]
    x = _randn(B, IN, seed=4)  # negative entries: a ReLU on the input would show
    first, second, third = head[0], head[2], head[4]
    expected = third(torch.relu(second(torch.relu(first(x)))))
    assert_close(head(x), expected)


def test_classifier_logits_same_with_and_without_attention():
    core = _core()
    torch.manual_seed(5)
    classifier = SequenceClassifier(core, 5, hidden_sizes=(9,)).to(DTYPE)
    assert classifier.num_classes == 5
    x = _randn(B, 4, IN, seed=6)
    with torch.no_grad():
        logits, _ = classifier(x, return_attention=True)
        assert_close(logits, classifier(x))
        assert_close(logits, classifier.head(core.unroll(x)[0][:, -1]))


# ----------------------------------------------------------------------------------------------
# N-th Farthest: decode with more features than objects, ordinals, describe's index
# ----------------------------------------------------------------------------------------------
def test_decode_when_features_outnumber_objects():
    T, Fe = 3, 7
    task = NthFarthest(num_objects=T, num_features=Fe)
    inputs, _ = task.sample(B, generator=torch.Generator().manual_seed(7))
    decoded = task.decode(inputs)
    assert torch.equal(decoded.object_ids, inputs[..., Fe:Fe + T].argmax(dim=-1))
    assert sorted(decoded.object_ids[0].tolist()) == list(range(T))
    assert torch.equal(decoded.m, inputs[:, 0, Fe + T:Fe + 2 * T].argmax(dim=-1))
    assert torch.equal(decoded.n, inputs[:, 0, Fe + 2 * T:].argmax(dim=-1))


def test_ordinals_past_twenty():
    numbers = [1, 2, 3, 4, 10, 11, 12, 13, 20, 21, 22, 23, 24, 101, 111, 112, 113, 121, 122]
    assert [_ordinal(k) for k in numbers] == [
        "1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "20th", "21st", "22nd",
        "23rd", "24th", "101st", "111th", "112th", "113th", "121st", "122nd",
    ]


def test_describe_index_is_a_python_int_in_range():
    task = NthFarthest(num_objects=5, num_features=3)
    inputs, labels = task.sample(B, generator=torch.Generator().manual_seed(8))
    assert task.describe(inputs, labels, i=-B) == task.describe(inputs, labels, i=0)
    assert task.describe(inputs, labels, i=B - 1) == task.describe(inputs, labels, i=-1)
    for bad in (B, -B - 1, True, 1.0):
        with pytest.raises(ValueError) as info:
            task.describe(inputs, labels, i=bad)
        assert f"batch of {B}" in str(info.value) and repr(bad) in str(info.value)


# ----------------------------------------------------------------------------------------------
# Error messages: "<name> must have shape <expected>, got <actual>[: hint]"
# ----------------------------------------------------------------------------------------------
def _shape_error(call) -> str:
    with pytest.raises(ValueError) as info:
        call()
    return str(info.value)


def _shape_cases():
    core = _core()
    lstm = LSTMBaseline(IN, HEAD).to(DTYPE)
    task = NthFarthest(num_objects=5, num_features=3)
    inputs, _ = task.sample(B, generator=torch.Generator().manual_seed(9))
    memory = _randn(B, N, F, seed=1)
    x_hat = _randn(B, F, seed=2)
    gates = Gates(F).to(DTYPE)
    classifier = SequenceClassifier(core, 5, hidden_sizes=(9,)).to(DTYPE)
    mha = MultiHeadAttention(H, KEY, HEAD, in_features=IN).to(DTYPE)
    q = _randn(B, H, N, KEY, seed=3)
    # (call, name, expected, actual, a word of the hint or None when there is no hint)
    return [
        (lambda: core(_randn(B, IN + 1, seed=4)), "input x_t", f"[B, {IN}]", f"[{B}, {IN + 1}]", "unroll"),
        (lambda: core(_randn(B, IN, seed=4), _randn(B, N + 1, F, seed=5)), "state (memory)",
         f"[{B}, {N}, {F}]", f"[{B}, {N + 1}, {F}]", "initial_state"),
        (lambda: core.unroll(_randn(B, IN, seed=4)), "input sequence x", f"[B, T, {IN}]",
         f"[{B}, {IN}]", "one step"),
        (lambda: InputProjection(IN, F)(_randn(B, IN - 1, seed=4)), "input x_t", f"[B, {IN}]",
         f"[{B}, {IN - 1}]", "unroll"),
        (lambda: append_input_row(memory[0], x_hat), "memory", "[B, N, F]", f"[{N}, {F}]", None),
        (lambda: append_input_row(memory, x_hat[:, :-1]), "projected input", f"[{B}, {F}]",
         f"[{B}, {F - 1}]", "as wide as a memory slot"),
        (lambda: tile_input(memory[0], x_hat), "memory", "[B, N, F]", f"[{N}, {F}]", None),
        (lambda: tile_input(memory, x_hat[:, :-1]), "projected input", f"[{B}, {F}]",
         f"[{B}, {F - 1}]", "as wide as a memory slot"),
        (lambda: gates(x_hat, memory[..., :-1]), "memory", f"[B, N, {F}]", f"[{B}, {N}, {F - 1}]", None),
        (lambda: gates(x_hat[:1], memory), "projected input", f"[{B}, {F}]", f"[1, {F}]", None),
        (lambda: apply_gates(memory[:, :-1], memory, memory, memory), "attended memory M̃",
         f"[{B}, {N}, {F}]", f"[{B}, {N - 1}, {F}]", "drop the input row"),
        (lambda: mha(_randn(B, N, IN + 1, seed=4)), "rows", f"[B, N, {IN}]", f"[{B}, {N}, {IN + 1}]",
         f"{IN} features"),
        (lambda: scaled_dot_product_attention(q, _randn(B, H, N, KEY + 1, seed=4), _randn(B, H, N, HEAD, seed=5)),
         "key", f"[{B}, {H}, Nk, {KEY}]", f"[{B}, {H}, {N}, {KEY + 1}]", "d_k"),
        (lambda: scaled_dot_product_attention(q, _randn(B, H, N, KEY, seed=4), _randn(B, H, N + 1, HEAD, seed=5)),
         "value", f"[{B}, {H}, {N}, d_v]", f"[{B}, {H}, {N + 1}, {HEAD}]", "one row per key"),
        (lambda: lstm(_randn(B, IN + 1, seed=4)), "input x_t", f"[B, {IN}]", f"[{B}, {IN + 1}]", "unroll"),
        (lambda: lstm.unroll(_randn(B, IN, seed=4)), "input sequence x", f"[B, T, {IN}]", f"[{B}, {IN}]",
         "[batch, time, input_size]"),
        (lambda: lstm(_randn(B, IN, seed=4), (_randn(1, B, HEAD, seed=5), _randn(1, B, HEAD + 1, seed=6))),
         "LSTM state c", f"[1, {B}, {HEAD}]", f"[1, {B}, {HEAD + 1}]", None),
        (lambda: lstm(_randn(B, IN, seed=4), (_randn(1, B + 1, HEAD, seed=5), _randn(1, B, HEAD, seed=6))),
         "LSTM state h", f"[1, {B}, {HEAD}]", f"[1, {B + 1}, {HEAD}]", None),
        (lambda: classifier(_randn(B, IN, seed=4)), "input sequence x", f"[B, T, {IN}]", f"[{B}, {IN}]", None),
        (lambda: task.decode(inputs[..., :-1]), "inputs", "[B, 5, 18]", f"[{B}, 5, 17]", "NthFarthest("),
        (lambda: task.describe(inputs, torch.zeros(B + 1, dtype=torch.long)), "labels", f"[{B}]",
         f"[{B + 1}]", "one answer per batch element"),
    ]


_SHAPE_CASE_IDS = [
    "core-x_t", "core-state", "core-unroll", "input-projection", "append-memory", "append-input",
    "tile-memory", "tile-input", "gates-memory", "gates-input", "apply-gates", "mha-rows",
    "sdpa-key", "sdpa-value", "lstm-x_t", "lstm-unroll", "lstm-c", "lstm-h", "classifier",
    "decode", "describe-labels",
]


@pytest.mark.parametrize("index", range(len(_SHAPE_CASE_IDS)), ids=_SHAPE_CASE_IDS)
def test_shape_errors_name_the_tensor_expected_and_actual_shapes(index):
    call, name, expected, actual, hint_word = _shape_cases()[index]
    message = _shape_error(call)
    head = f"{name} must have shape {expected}, got {actual}"
    if hint_word is None:
        assert message == head
    else:
        assert message.startswith(head + ": ") and hint_word in message, message


def test_non_tensor_input_names_expected_shape_and_type():
    core = _core()
    message = _shape_error(lambda: core([[0.0] * IN] * B))
    assert message == f"input x_t must be a torch.Tensor of shape [B, {IN}], got list"


def test_unroll_of_empty_sequence_says_so():
    message = _shape_error(lambda: _core().unroll(torch.zeros(B, 0, IN, dtype=DTYPE)))
    assert message.startswith("input sequence x must have at least one time step")


def test_bad_generator_message_names_its_type():
    with pytest.raises(TypeError, match="got int;"):
        NthFarthest().sample(2, generator=0)


# "<name> must be an integer >= <minimum>, got <value>"
@pytest.mark.parametrize("call,name", [
    (lambda: RelationalMemory(0, N, HEAD), "input_size"),
    (lambda: RelationalMemory(IN, 0, HEAD), "mem_slots"),
    (lambda: RelationalMemory(IN, N, 0), "head_size"),
    (lambda: RelationalMemory(IN, N, HEAD, num_heads=0), "num_heads"),
    (lambda: RelationalMemory(IN, N, HEAD, num_blocks=0), "num_blocks"),
    (lambda: RelationalMemory(IN, N, HEAD, attention_mlp_layers=0), "attention_mlp_layers"),
    (lambda: RelationalMemory(IN, N, HEAD, key_size=0), "key_size"),
    (lambda: MultiHeadAttention(0, KEY, HEAD), "num_heads"),
    (lambda: MultiHeadAttention(H, 0, HEAD), "key_size"),
    (lambda: MultiHeadAttention(H, KEY, 0), "head_size"),
    (lambda: MultiHeadAttention(H, KEY, HEAD, in_features=0), "in_features"),
    (lambda: initial_memory(0, N, F), "batch_size"),
    (lambda: initial_memory(B, 0, F), "mem_slots"),
    (lambda: initial_memory(B, N, 0), "mem_size"),
    (lambda: InputProjection(0, F), "input_size"),
    (lambda: InputProjection(IN, 0), "mem_size"),
    (lambda: Gates(0), "mem_size"),
    (lambda: LSTMBaseline(0, HEAD), "input_size"),
    (lambda: LSTMBaseline(IN, 0), "hidden_size"),
    (lambda: LSTMBaseline(IN, HEAD, num_layers=0), "num_layers"),
    (lambda: LSTMBaseline(IN, HEAD).initial_state(0), "batch_size"),
    (lambda: _closest_hidden_size(0, IN), "target_parameters"),
    (lambda: SequenceClassifier(LSTMBaseline(IN, HEAD), 0), "num_classes"),
    (lambda: SequenceClassifier(LSTMBaseline(IN, HEAD), 5, hidden_sizes=(9, 0)), "hidden size"),
    (lambda: NthFarthest(num_objects=0), "num_objects"),
    (lambda: NthFarthest(num_features=0), "num_features"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_bad_sizes_name_the_argument(call, name):
    message = _shape_error(call)
    assert re.match(rf"{re.escape(name)} must be an integer >= \d+, got 0$", message), message
