"""Tests of the LSTM baseline, the parameter-matching helper and the sequence classifier.

Dimensions are small and distinct: B=2, input_size 7, hidden 6, T=4, 5 classes.
"""

from __future__ import annotations

import pytest
import torch
from torch.testing import assert_close

from rmc_ref import (LSTMBaseline, RelationalMemory, SequenceClassifier, count_parameters, matched_lstm_hidden_size)
from rmc_ref.baselines import _closest_hidden_size, lstm_parameter_count


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
    expected[HIDDEN:2 * HIDDEN] = 1.5  # PyTorch gate order: input, forget, cell, output
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


# ----------------------------------------------------------------------------------------------
# Parameter matching
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("input_size,hidden,layers", [(7, 6, 1), (40, 33, 2), (3, 1, 3)])
def test_lstm_parameter_count_formula(input_size, hidden, layers):
    assert lstm_parameter_count(input_size, hidden, layers) == count_parameters(
        torch.nn.LSTM(input_size, hidden, num_layers=layers))
    assert count_parameters(LSTMBaseline(input_size, hidden, layers)) == lstm_parameter_count(
        input_size, hidden, layers)


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
                lstm_parameter_count(config["input_size"], hidden) - target)
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


# ----------------------------------------------------------------------------------------------
# SequenceClassifier
# ----------------------------------------------------------------------------------------------
def _rmc(seed: int = 10) -> RelationalMemory:
    torch.manual_seed(seed)
    return RelationalMemory(input_size=IN, mem_slots=3, head_size=5, num_heads=2, key_size=4).to(DTYPE)


@pytest.mark.parametrize("make_core", [_rmc, lambda: _lstm(seed=11, num_layers=2)], ids=["rmc", "lstm"])
def test_classifier_reads_last_time_step(make_core):
    core = make_core()
    torch.manual_seed(12)
    classifier = SequenceClassifier(core, CLASSES, hidden_sizes=(9, 8)).to(DTYPE)
    x = _randn(B, T, IN, seed=13)
    with torch.no_grad():
        logits = classifier(x)
        assert logits.shape == (B, CLASSES)
        assert_close(logits, classifier.head(core.unroll(x)[0][:, -1]))
        # a prefix of the sequence is classified from its own last step
        assert_close(classifier(x[:, :2]), classifier.head(core.unroll(x)[0][:, 1]))
        # changing only the first step still changes the logits (the core carries it forward)
        changed = x.clone()
        changed[:, 0] += 1.0
        assert not torch.allclose(classifier(changed), logits)


def test_classifier_head_shape_and_attention():
    core = _rmc()
    torch.manual_seed(14)
    classifier = SequenceClassifier(core, CLASSES).to(DTYPE)
    linears = [m for m in classifier.head if isinstance(m, torch.nn.Linear)]
    assert [(m.in_features, m.out_features) for m in linears] == [(core.output_size, 256), (256, CLASSES)]
    with torch.no_grad():
        logits, attention = classifier(_randn(B, T, IN, seed=15), return_attention=True)
    assert logits.shape == (B, CLASSES)
    assert attention.shape == (B, T, 1, 2, 4, 4)


def test_classifier_shape_error():
    classifier = SequenceClassifier(_rmc(), CLASSES).to(DTYPE)
    with pytest.raises(ValueError) as info:
        classifier(_randn(B, IN, seed=1))
    assert f"[B, T, {IN}]" in str(info.value) and f"[{B}, {IN}]" in str(info.value)


@pytest.mark.parametrize("head_hidden_sizes", [(256,), (11, 13)])
def test_matched_lstm_matches_whole_classifiers_when_given_the_head(head_hidden_sizes):
    core = RelationalMemory(7, 3, 5, num_heads=2)
    lstm = _matched_lstm(core, num_classes=4, head_hidden_sizes=head_hidden_sizes)
    rmc_total = count_parameters(SequenceClassifier(core, 4, hidden_sizes=head_hidden_sizes))
    lstm_total = count_parameters(SequenceClassifier(lstm, 4, hidden_sizes=head_hidden_sizes))
    assert abs(lstm_total - rmc_total) <= 0.1 * rmc_total, (lstm_total, rmc_total)
    core_only = _matched_lstm(core)
    assert core_only.hidden_size != lstm.hidden_size, "matching the head must change the LSTM size"
