"""Tests of the sequence classifier (rmc_ref.classifier): a core read at its last time step, then an
MLP head; the head's layers and parameter count, attention through the classifier, and the error
messages (tests/support/messages.py).

Dimensions are small and distinct: B=2, input_size 7, T=4, 5 classes; the RMC core has N=3 slots,
H=2 heads, head_size 5, key_size 4 (so F = 10 and N*F = 30); the LSTM core has hidden 6.
"""

from __future__ import annotations

import pytest
import torch
from support.helpers import randn
from support.messages import assert_bad_size_named, assert_float32_refused, assert_shape_error
from torch.testing import assert_close

from rmc_ref import LSTMBaseline, RelationalMemory, SequenceClassifier, count_parameters
from rmc_ref.classifier import head_parameter_count, mlp_head

B, IN, HIDDEN, T, CLASSES = 2, 7, 6, 4, 5
N, H, HEAD, KEY = 3, 2, 5, 4
F = H * HEAD
DTYPE = torch.float64


def _randn(*shape, seed: int) -> torch.Tensor:
    return randn(*shape, seed=seed, dtype=DTYPE)


def _rmc(seed: int = 10) -> RelationalMemory:
    torch.manual_seed(seed)
    return RelationalMemory(input_size=IN, mem_slots=N, head_size=HEAD, num_heads=H, key_size=KEY).to(DTYPE)


def _lstm(seed: int = 0, **kwargs) -> LSTMBaseline:
    torch.manual_seed(seed)
    return LSTMBaseline(kwargs.pop("input_size", IN), kwargs.pop("hidden_size", HIDDEN), **kwargs).to(DTYPE)


# ----------------------------------------------------------------------------------------------
# The classifier reads the core's last step
# ----------------------------------------------------------------------------------------------
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


def test_classifier_logits_same_with_and_without_attention():
    core = _rmc(seed=0)
    torch.manual_seed(5)
    classifier = SequenceClassifier(core, 5, hidden_sizes=(9,)).to(DTYPE)
    assert classifier.num_classes == 5
    x = _randn(B, 4, IN, seed=6)
    with torch.no_grad():
        logits, _ = classifier(x, return_attention=True)
        assert_close(logits, classifier(x))
        assert_close(logits, classifier.head(core.unroll(x)[0][:, -1]))


def test_attention_from_an_lstm_classifier_is_a_clear_error():
    classifier = SequenceClassifier(_lstm(hidden_size=4), 4, (6,)).double()
    with pytest.raises(ValueError, match="return_attention=True needs a core with attention.*LSTMBaseline"):
        classifier(randn(B, 3, IN, seed=0), return_attention=True)


# ----------------------------------------------------------------------------------------------
# The head
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


# ----------------------------------------------------------------------------------------------
# Error messages (tests/support/messages.py)
# ----------------------------------------------------------------------------------------------
def test_classifier_shape_error():
    classifier = SequenceClassifier(_rmc(), CLASSES).to(DTYPE)
    with pytest.raises(ValueError) as info:
        classifier(_randn(B, IN, seed=1))
    assert f"[B, T, {IN}]" in str(info.value) and f"[{B}, {IN}]" in str(info.value)


def test_shape_errors_name_the_tensor_expected_and_actual_shapes():
    classifier = SequenceClassifier(_rmc(seed=0), 5, hidden_sizes=(9,)).to(DTYPE)
    assert_shape_error(
        lambda: classifier(_randn(B, IN, seed=4)), "input sequence x", f"[B, T, {IN}]", f"[{B}, {IN}]", None
    )


def test_float64_model_fed_float32_names_expected_and_actual():
    classifier = SequenceClassifier(_rmc(seed=0), 4, (6,)).double()
    assert_float32_refused(lambda: classifier(randn(B, 4, IN, seed=0, dtype=torch.float32)), "input sequence x")


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: SequenceClassifier(LSTMBaseline(IN, HEAD), 0), "num_classes"),
        (lambda: SequenceClassifier(LSTMBaseline(IN, HEAD), 5, hidden_sizes=(9, 0)), "hidden size"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bad_sizes_name_the_argument(call, name):
    assert_bad_size_named(call, name)
