"""Tests of the LSTM-style gates (rmc_ref.gating): gate sizes per style, the gate update, what the
forget and input bias constants do to a core, the one home of their defaults, and the error
messages (tests/support/messages.py).

Dimensions are small and pairwise distinct: B=2, N=3 slots, H=2 heads, head_size 5, key_size 4,
input_size 7, T=4 (so F = 10).
"""

from __future__ import annotations

import inspect

import pytest
import torch
from support.helpers import randn, randomise
from support.messages import assert_bad_size_named, assert_shape_error
from torch.testing import assert_close

from rmc_ref import LSTMBaseline, RelationalMemory
from rmc_ref.gating import DEFAULT_FORGET_BIAS, DEFAULT_INPUT_BIAS, Gates, apply_gates, gate_size

B, N, H, HEAD, KEY, IN, T = 2, 3, 2, 5, 4, 7, 4
F = H * HEAD
DTYPE = torch.float64


def _randn(*shape, seed: int) -> torch.Tensor:
    return randn(*shape, seed=seed, dtype=DTYPE)


def _random_state(seed: int) -> torch.Tensor:
    return _randn(B, N, F, seed=seed)


def _core(seed: int = 0, **overrides) -> RelationalMemory:
    """A core with every argument away from its default and perturbed weights (as in test_core.py)."""
    kwargs = dict(
        input_size=IN,
        mem_slots=N,
        head_size=HEAD,
        num_heads=H,
        num_blocks=2,
        forget_bias=0.7,
        input_bias=-0.3,
        gate_style="unit",
        attention_mlp_layers=2,
        key_size=KEY,
        input_mode="row",
    )
    kwargs.update(overrides)
    torch.manual_seed(seed)
    return randomise(RelationalMemory(**kwargs).to(DTYPE), seed + 1000, 0.3)


def _plain_core(seed: int = 0, **kwargs) -> RelationalMemory:
    """A core with the default biases, gate style and initialisation."""
    torch.manual_seed(seed)
    return RelationalMemory(IN, N, HEAD, num_heads=H, **kwargs).double()


# ----------------------------------------------------------------------------------------------
# Gate sizes, defaults and the update
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


def test_apply_gates_accepts_unit_and_memory_gates():
    memory, attended = randn(B, N, F, seed=0), randn(B, N, F, seed=1)
    for width in (F, 1):
        i, f = torch.rand(B, N, width, dtype=torch.float64), torch.rand(B, N, width, dtype=torch.float64)
        assert_close(apply_gates(attended, memory, i, f), i * torch.tanh(attended) + f * memory)


# ----------------------------------------------------------------------------------------------
# What the bias constants do
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("gate_style", ["unit", "memory"])
def test_huge_forget_bias_and_negative_input_bias_keep_memory(gate_style):
    core = _core(gate_style=gate_style, forget_bias=60.0, input_bias=-60.0)
    state = _random_state(29)
    with torch.no_grad():
        outs, final = core.unroll(_randn(B, T, IN, seed=30), state)
    assert_close(final, state, atol=1e-12, rtol=0)
    assert_close(outs[:, -1], state.reshape(B, N * F), atol=1e-12, rtol=0)


@pytest.mark.parametrize("gate_style", ["unit", "memory"])
def test_huge_input_bias_and_negative_forget_bias_write_tanh_of_attended(gate_style):
    """i = 1, f = 0: M' = tanh(M̃), where M̃ is what the ungated core returns with the same weights."""
    gated = _core(gate_style=gate_style, forget_bias=-60.0, input_bias=60.0)
    ungated = _core(gate_style=None)
    with torch.no_grad():
        for name, parameter in ungated.named_parameters():
            parameter.copy_(dict(gated.named_parameters())[name])
    x_t, state = _randn(B, IN, seed=31), _random_state(32)
    with torch.no_grad():
        _, gated_state = gated(x_t, state)
        _, ungated_state = ungated(x_t, state)
    assert_close(gated_state, torch.tanh(ungated_state), atol=1e-12, rtol=0)


def test_bias_constants_are_constants_not_parameters():
    low = _core(seed=33, forget_bias=0.0, input_bias=0.0)
    high = _core(seed=33, forget_bias=2.5, input_bias=-1.5)
    for (name, a), (_, b) in zip(low.named_parameters(), high.named_parameters()):
        assert_close(a, b, msg=f"{name} differs: the bias constants must not be baked into parameters")
    x_t, state = _randn(B, IN, seed=34), _random_state(35)
    with torch.no_grad():
        assert not torch.allclose(low(x_t, state)[1], high(x_t, state)[1])


# ----------------------------------------------------------------------------------------------
# The bias constants have one home: changing them on a built core changes the next step
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("gate_style", ["unit", "memory"])
@pytest.mark.parametrize("name, value", [("forget_bias", 3.0), ("input_bias", -2.0)])
def test_setting_a_bias_on_a_built_core_changes_the_next_step(gate_style, name, value):
    x, state = randn(B, IN, seed=1), None
    built = _plain_core(gate_style=gate_style)
    before, _ = built(x, state)  # [B, N*F]
    setattr(built, name, value)
    after, _ = built(x, state)
    fresh, _ = _plain_core(gate_style=gate_style, **{name: value})(x, state)
    assert_close(after, fresh)  # exactly what a core built with that value computes
    assert not torch.allclose(before, after)
    assert getattr(built, name) == value == getattr(built.gates, name)
    assert f"{name}={value}" in repr(built)


def test_defaults_live_in_one_place():
    built = _plain_core()
    assert (built.forget_bias, built.input_bias) == (DEFAULT_FORGET_BIAS, DEFAULT_INPUT_BIAS) == (1.0, 0.0)
    gates = Gates(HEAD * H)
    assert (gates.forget_bias, gates.input_bias) == (DEFAULT_FORGET_BIAS, DEFAULT_INPUT_BIAS)
    for cls in (RelationalMemory, Gates, LSTMBaseline):
        assert inspect.signature(cls).parameters["forget_bias"].default is DEFAULT_FORGET_BIAS


def test_ungated_core_keeps_the_values_but_they_change_nothing():
    x = randn(B, IN, seed=2)
    built = _plain_core(gate_style=None)
    before, _ = built(x)
    built.forget_bias = 5.0
    assert built.forget_bias == 5.0 and built.gates is None
    assert_close(built(x)[0], before)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "1", None])
def test_bias_must_be_a_finite_number(value):
    built = _plain_core()
    with pytest.raises(ValueError, match="forget_bias must be a finite number"):
        built.forget_bias = value
    with pytest.raises(ValueError, match="input_bias must be a finite number"):
        RelationalMemory(IN, N, HEAD, input_bias=value)
    with pytest.raises(ValueError, match="forget_bias must be a finite number"):
        LSTMBaseline(IN, 4, forget_bias=value)


# ----------------------------------------------------------------------------------------------
# Error messages (tests/support/messages.py)
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "gate_shape, match",
    [
        ((B, N, 4), r"input gate i must have shape \[2, 3, 10\] \('unit'\) or \[2, 3, 1\]"),
        ((B, 1, F), r"input gate i must have shape \[2, 3, G\], got \[2, 1, 10\]"),
        ((N, F), r"input gate i must have shape \[2, 3, G\], got \[3, 10\]"),
    ],
)
def test_apply_gates_rejects_wrong_gate_shapes(gate_shape, match):
    memory, attended = randn(B, N, F, seed=0), randn(B, N, F, seed=1)
    with pytest.raises(ValueError, match=match):
        apply_gates(
            attended, memory, torch.rand(gate_shape, dtype=torch.float64), torch.rand(B, N, F, dtype=torch.float64)
        )
    with pytest.raises(ValueError, match=r"forget gate f must have shape \[2, 3, 1\], got \[2, 3, 10\]"):
        apply_gates(
            attended, memory, torch.rand(B, N, 1, dtype=torch.float64), torch.rand(B, N, F, dtype=torch.float64)
        )


def _shape_cases() -> dict:
    """id -> (call, name, expected, actual, a word of the hint or None when there is no hint)"""
    memory = _randn(B, N, F, seed=1)
    x_hat = _randn(B, F, seed=2)
    gates = Gates(F).to(DTYPE)
    return {
        "gates-memory": (
            lambda: gates(x_hat, memory[..., :-1]),
            "memory",
            f"[B, N, {F}]",
            f"[{B}, {N}, {F - 1}]",
            None,
        ),
        "gates-input": (lambda: gates(x_hat[:1], memory), "projected input", f"[{B}, {F}]", f"[1, {F}]", None),
        "apply-gates": (
            lambda: apply_gates(memory[:, :-1], memory, memory, memory),
            "attended memory M̃",
            f"[{B}, {N}, {F}]",
            f"[{B}, {N - 1}, {F}]",
            "drop the input row",
        ),
    }


@pytest.mark.parametrize("case", ["gates-memory", "gates-input", "apply-gates"])
def test_shape_errors_name_the_tensor_expected_and_actual_shapes(case):
    assert_shape_error(*_shape_cases()[case])


def test_bad_sizes_name_the_argument():
    assert_bad_size_named(lambda: Gates(0), "mem_size")
