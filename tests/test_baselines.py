"""Tests of the LSTM baseline and the parameter matching (rmc_ref.baselines).

The baseline is checked against nn.LSTMCell step by step; the matching against brute force over
hidden sizes, with and without a classifier head; then the error messages (tests/support/messages.py).
The classifier itself: test_classifier.py. Dimensions are small and distinct: B=2, input_size 7,
hidden 6, T=4, 5 classes.
"""

from __future__ import annotations

import re

import pytest
import torch
from support.helpers import randn
from support.messages import assert_bad_size_named, assert_float32_refused, assert_shape_error
from torch.testing import assert_close

from rmc_ref import LSTMBaseline, RelationalMemory, SequenceClassifier, count_parameters, matched_lstm_hidden_size

# internal on purpose: the public matched_lstm_hidden_size takes a whole core; these tests need any target count
from rmc_ref.baselines import _closest_hidden_size, lstm_parameter_count
from rmc_ref.classifier import head_parameter_count


def _matched_lstm(core, num_layers=1, tolerance=0.1, num_classes=None, head_hidden_sizes=None):
    """The LSTM the course builds for a core: LSTMBaseline sized by matched_lstm_hidden_size."""
    hidden = matched_lstm_hidden_size(core, num_layers, tolerance, num_classes, head_hidden_sizes)
    return LSTMBaseline(core.input_size, hidden, num_layers)


B, IN, HIDDEN, T, CLASSES = 2, 7, 6, 4, 5
DTYPE = torch.float64


def _randn(*shape, seed: int) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=DTYPE)


def _lstm(seed: int = 0, **kwargs) -> LSTMBaseline:
    torch.manual_seed(seed)
    return LSTMBaseline(kwargs.pop("input_size", IN), kwargs.pop("hidden_size", HIDDEN), **kwargs).to(DTYPE)


def _cells_like(baseline: LSTMBaseline) -> list[torch.nn.LSTMCell]:
    """One nn.LSTMCell per layer with the baseline's weights copied in."""
    cells = []
    for layer in range(baseline.num_layers):
        fan_in = baseline.input_size if layer == 0 else baseline.hidden_size
        cell = torch.nn.LSTMCell(fan_in, baseline.hidden_size).to(DTYPE)
        with torch.no_grad():
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(cell, name).copy_(getattr(baseline.lstm, f"{name}_l{layer}"))
        cells.append(cell)
    return cells


def _cells_step(cells, x_t, h, c):
    new_h, new_c = [], []
    layer_input = x_t
    for layer, cell in enumerate(cells):
        h_l, c_l = cell(layer_input, (h[layer], c[layer]))
        new_h.append(h_l)
        new_c.append(c_l)
        layer_input = h_l
    return layer_input, torch.stack(new_h), torch.stack(new_c)


# ----------------------------------------------------------------------------------------------
# LSTMBaseline
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("num_layers", [1, 2])
def test_lstm_step_and_unroll_match_lstm_cell(num_layers):
    baseline = _lstm(num_layers=num_layers)
    cells = _cells_like(baseline)
    x = _randn(B, T, IN, seed=1)
    h, c = baseline.initial_state(B)
    assert h.shape == (num_layers, B, HIDDEN) and c.shape == (num_layers, B, HIDDEN)
    assert (h == 0).all() and (c == 0).all()
    with torch.no_grad():
        outs, (h_final, c_final) = baseline.unroll(x)
        assert outs.shape == (B, T, HIDDEN)
        state = baseline.initial_state(B)
        cell_h, cell_c = h, c
        for t in range(T):
            out, state = baseline(x[:, t], state)
            cell_out, cell_h, cell_c = _cells_step(cells, x[:, t], cell_h, cell_c)
            assert_close(out, cell_out)
            assert_close(state[0], cell_h)
            assert_close(state[1], cell_c)
            assert_close(outs[:, t], cell_out)
        assert_close(h_final, cell_h)
        assert_close(c_final, cell_c)


def test_lstm_continues_from_given_state():
    baseline = _lstm(num_layers=2)
    cells = _cells_like(baseline)
    h0, c0 = _randn(2, B, HIDDEN, seed=2), _randn(2, B, HIDDEN, seed=3)
    x_t = _randn(B, IN, seed=4)
    with torch.no_grad():
        out, (h1, c1) = baseline(x_t, (h0, c0))
        cell_out, cell_h, cell_c = _cells_step(cells, x_t, h0, c0)
    assert_close(out, cell_out)
    assert_close(h1, cell_h)
    assert_close(c1, cell_c)


@pytest.mark.parametrize("num_layers", [1, 2])
def test_forget_bias_added_to_forget_gate_slice_only(num_layers):
    plain = _lstm(seed=5, num_layers=num_layers, forget_bias=0.0)
    biased = _lstm(seed=5, num_layers=num_layers, forget_bias=1.5)
    default = _lstm(seed=5, num_layers=num_layers)
    expected = torch.zeros(4 * HIDDEN, dtype=DTYPE)
    expected[HIDDEN : 2 * HIDDEN] = 1.5  # PyTorch gate order: input, forget, cell, output
    for layer in range(num_layers):
        for name in ("weight_ih", "weight_hh", "bias_hh"):
            assert_close(getattr(biased.lstm, f"{name}_l{layer}"), getattr(plain.lstm, f"{name}_l{layer}"))
        diff = getattr(biased.lstm, f"bias_ih_l{layer}") - getattr(plain.lstm, f"bias_ih_l{layer}")
        assert_close(diff, expected)
        default_diff = getattr(default.lstm, f"bias_ih_l{layer}") - getattr(plain.lstm, f"bias_ih_l{layer}")
        assert_close(default_diff, expected / 1.5)  # the default forget bias is 1.0


def test_huge_forget_bias_keeps_the_cell_state():
    baseline = _lstm(seed=6, forget_bias=80.0)
    with torch.no_grad():
        baseline.lstm.bias_ih_l0[:HIDDEN] -= 80.0  # input gate closed
    c0 = _randn(1, B, HIDDEN, seed=7)
    with torch.no_grad():
        _, (_, c1) = baseline(_randn(B, IN, seed=8), (_randn(1, B, HIDDEN, seed=9), c0))
    assert_close(c1, c0, atol=1e-12, rtol=0)


def test_lstm_shape_errors():
    baseline = _lstm()
    with pytest.raises(ValueError) as info:
        baseline(_randn(B, IN + 1, seed=1))
    assert f"[B, {IN}]" in str(info.value) and f"[{B}, {IN + 1}]" in str(info.value)
    with pytest.raises(ValueError) as info:
        baseline(_randn(B, IN, seed=1), (_randn(1, B, HIDDEN + 1, seed=2), _randn(1, B, HIDDEN, seed=3)))
    assert f"[1, {B}, {HIDDEN}]" in str(info.value) and f"[1, {B}, {HIDDEN + 1}]" in str(info.value)
    with pytest.raises(ValueError):
        baseline(_randn(B, IN, seed=1), _randn(1, B, HIDDEN, seed=2))


@pytest.mark.parametrize("num_layers", [1, 2])
def test_lstm_forget_bias_is_added_to_pytorch_init_not_assigned(num_layers):
    torch.manual_seed(3)
    plain = torch.nn.LSTM(IN, HIDDEN, num_layers=num_layers, batch_first=True)
    torch.manual_seed(3)
    baseline = LSTMBaseline(IN, HIDDEN, num_layers, forget_bias=1.5)
    shift = torch.zeros(4 * HIDDEN)
    shift[HIDDEN : 2 * HIDDEN] = 1.5  # PyTorch gate order: input, forget, cell, output
    for layer in range(num_layers):
        before = getattr(plain, f"bias_ih_l{layer}")
        assert (before[HIDDEN : 2 * HIDDEN] != 0).all()  # PyTorch's init is random, so += differs from =
        assert_close(getattr(baseline.lstm, f"bias_ih_l{layer}"), before + shift)


def test_lstm_state_must_be_a_pair():
    baseline = LSTMBaseline(IN, HIDDEN)
    h, c = baseline.initial_state(B)
    assert_close(baseline(torch.zeros(B, IN), [h, c])[0], baseline(torch.zeros(B, IN), (h, c))[0])
    with pytest.raises(ValueError, match=re.escape("tuple (h, c)")):
        baseline(torch.zeros(B, IN), (h, c, c))


# ----------------------------------------------------------------------------------------------
# Parameter matching
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("input_size,hidden,layers", [(7, 6, 1), (40, 33, 2), (3, 1, 3)])
def test_lstm_parameter_count_formula(input_size, hidden, layers):
    assert lstm_parameter_count(input_size, hidden, layers) == count_parameters(
        torch.nn.LSTM(input_size, hidden, num_layers=layers)
    )
    assert count_parameters(LSTMBaseline(input_size, hidden, layers)) == lstm_parameter_count(
        input_size, hidden, layers
    )


RMC_CONFIGS = [
    dict(input_size=7, mem_slots=3, head_size=5, num_heads=2),
    dict(input_size=40, mem_slots=4, head_size=16, num_heads=2, num_blocks=2, key_size=8),
    dict(input_size=40, mem_slots=8, head_size=32, num_heads=4, gate_style="memory"),
    dict(input_size=12, mem_slots=2, head_size=6, num_heads=3, gate_style=None, input_mode="tile"),
]


@pytest.mark.parametrize("config", RMC_CONFIGS)
def test_matched_lstm_within_ten_percent(config):
    core = RelationalMemory(**config)
    target = count_parameters(core)
    hidden = _closest_hidden_size(target, config["input_size"])
    assert abs(lstm_parameter_count(config["input_size"], hidden) - target) <= 0.1 * target
    # the closest size: neighbours are not closer
    for other in (hidden - 1, hidden + 1):
        if other >= 1:
            assert abs(lstm_parameter_count(config["input_size"], other) - target) >= abs(
                lstm_parameter_count(config["input_size"], hidden) - target
            )
    lstm = _matched_lstm(core)
    assert isinstance(lstm, LSTMBaseline) and lstm.input_size == config["input_size"]
    assert lstm.hidden_size == hidden
    assert abs(count_parameters(lstm) - target) <= 0.1 * target
    two_layer = _matched_lstm(core, num_layers=2)
    assert abs(count_parameters(two_layer) - target) <= 0.1 * target


def test_closest_hidden_size_counts_extra_parameters():
    target = 5000
    plain = _closest_hidden_size(target, IN)

    def head(h):
        return h * 40 + 40

    with_head = _closest_hidden_size(target, IN, extra_parameters=head)
    assert with_head < plain

    def error(h):
        return abs(lstm_parameter_count(IN, h) + head(h) - target)

    assert error(with_head) <= 0.1 * target
    assert error(with_head) <= min(error(with_head - 1), error(with_head + 1))


def test_closest_hidden_size_raises_when_impossible():
    # even hidden_size=1 has 4 * (100 + 1 + 2) = 412 parameters
    with pytest.raises(ValueError, match="within"):
        _closest_hidden_size(10, 100)
    with pytest.raises(ValueError, match="within"):
        _closest_hidden_size(430, 100, tolerance=0.001)  # 412 and 4*2*(100+2+2)=832 bracket it
    with pytest.raises(ValueError):
        _closest_hidden_size(0, IN)
    tiny = RelationalMemory(input_size=1000, mem_slots=1, head_size=1, gate_style=None)
    with pytest.raises(ValueError):
        _matched_lstm(tiny, tolerance=0.0001)


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
        target, 40, extra_parameters=lambda h: head_parameter_count(h, (256,), 4)
    )


@pytest.mark.parametrize("head_hidden_sizes", [(256,), (11, 13)])
def test_matched_lstm_matches_whole_classifiers_when_given_the_head(head_hidden_sizes):
    core = RelationalMemory(7, 3, 5, num_heads=2)
    lstm = _matched_lstm(core, num_classes=4, head_hidden_sizes=head_hidden_sizes)
    rmc_total = count_parameters(SequenceClassifier(core, 4, hidden_sizes=head_hidden_sizes))
    lstm_total = count_parameters(SequenceClassifier(lstm, 4, hidden_sizes=head_hidden_sizes))
    assert abs(lstm_total - rmc_total) <= 0.1 * rmc_total, (lstm_total, rmc_total)
    core_only = _matched_lstm(core)
    assert core_only.hidden_size != lstm.hidden_size, "matching the head must change the LSTM size"


# ----------------------------------------------------------------------------------------------
# Error messages (tests/support/messages.py)
# ----------------------------------------------------------------------------------------------
def _shape_cases() -> dict:
    """id -> (call, name, expected, actual, a word of the hint or None when there is no hint)"""
    lstm = LSTMBaseline(IN, HIDDEN).to(DTYPE)
    return {
        "lstm-x_t": (lambda: lstm(_randn(B, IN + 1, seed=4)), "input x_t", f"[B, {IN}]", f"[{B}, {IN + 1}]", "unroll"),
        "lstm-unroll": (
            lambda: lstm.unroll(_randn(B, IN, seed=4)),
            "input sequence x",
            f"[B, T, {IN}]",
            f"[{B}, {IN}]",
            "[batch, time, input_size]",
        ),
        "lstm-c": (
            lambda: lstm(_randn(B, IN, seed=4), (_randn(1, B, HIDDEN, seed=5), _randn(1, B, HIDDEN + 1, seed=6))),
            "LSTM state c",
            f"[1, {B}, {HIDDEN}]",
            f"[1, {B}, {HIDDEN + 1}]",
            None,
        ),
        "lstm-h": (
            lambda: lstm(_randn(B, IN, seed=4), (_randn(1, B + 1, HIDDEN, seed=5), _randn(1, B, HIDDEN, seed=6))),
            "LSTM state h",
            f"[1, {B}, {HIDDEN}]",
            f"[1, {B + 1}, {HIDDEN}]",
            None,
        ),
    }


@pytest.mark.parametrize("case", ["lstm-x_t", "lstm-unroll", "lstm-c", "lstm-h"])
def test_shape_errors_name_the_tensor_expected_and_actual_shapes(case):
    assert_shape_error(*_shape_cases()[case])


def _float64_lstm() -> LSTMBaseline:
    torch.manual_seed(0)
    return LSTMBaseline(IN, 4).double()


MISMATCHES = [
    (lambda: _float64_lstm().unroll(randn(B, 4, IN, seed=0, dtype=torch.float32)), "input sequence x"),
    (lambda: _float64_lstm()(randn(B, IN, seed=0), (torch.zeros(1, B, 4), torch.zeros(1, B, 4))), "LSTM state h"),
]


@pytest.mark.parametrize("call, name", MISMATCHES, ids=range(len(MISMATCHES)))
def test_float64_model_fed_float32_names_expected_and_actual(call, name):
    assert_float32_refused(call, name)


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: LSTMBaseline(0, HIDDEN), "input_size"),
        (lambda: LSTMBaseline(IN, 0), "hidden_size"),
        (lambda: LSTMBaseline(IN, HIDDEN, num_layers=0), "num_layers"),
        (lambda: LSTMBaseline(IN, HIDDEN).initial_state(0), "batch_size"),
        (lambda: _closest_hidden_size(0, IN), "target_parameters"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bad_sizes_name_the_argument(call, name):
    assert_bad_size_named(call, name)
