"""The gate bias constants have one home: changing them on a built core changes the next step."""

from __future__ import annotations

import inspect

import pytest
import torch
from torch.testing import assert_close

from helpers import randn
from rmc_ref import LSTMBaseline, RelationalMemory
from rmc_ref.gating import DEFAULT_FORGET_BIAS, DEFAULT_INPUT_BIAS, Gates

B, N, H, HEAD, IN = 2, 3, 2, 5, 7


def core(seed: int = 0, **kwargs) -> RelationalMemory:
    torch.manual_seed(seed)
    return RelationalMemory(IN, N, HEAD, num_heads=H, **kwargs).double()


@pytest.mark.parametrize("gate_style", ["unit", "memory"])
@pytest.mark.parametrize("name, value", [("forget_bias", 3.0), ("input_bias", -2.0)])
def test_setting_a_bias_on_a_built_core_changes_the_next_step(gate_style, name, value):
    x, state = randn(B, IN, seed=1), None
    built = core(gate_style=gate_style)
    before, _ = built(x, state)  # [B, N*F]
    setattr(built, name, value)
    after, _ = built(x, state)
    fresh, _ = core(gate_style=gate_style, **{name: value})(x, state)
    assert_close(after, fresh)  # exactly what a core built with that value computes
    assert not torch.allclose(before, after)
    assert getattr(built, name) == value == getattr(built.gates, name)
    assert f"{name}={value}" in repr(built)


def test_defaults_live_in_one_place():
    built = core()
    assert (built.forget_bias, built.input_bias) == (DEFAULT_FORGET_BIAS, DEFAULT_INPUT_BIAS) == (1.0, 0.0)
    gates = Gates(HEAD * H)
    assert (gates.forget_bias, gates.input_bias) == (DEFAULT_FORGET_BIAS, DEFAULT_INPUT_BIAS)
    for cls in (RelationalMemory, Gates, LSTMBaseline):
        assert inspect.signature(cls).parameters["forget_bias"].default is DEFAULT_FORGET_BIAS


def test_ungated_core_keeps_the_values_but_they_change_nothing():
    x = randn(B, IN, seed=2)
    built = core(gate_style=None)
    before, _ = built(x)
    built.forget_bias = 5.0
    assert built.forget_bias == 5.0 and built.gates is None
    assert_close(built(x)[0], before)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "1", None])
def test_bias_must_be_a_finite_number(value):
    built = core()
    with pytest.raises(ValueError, match="forget_bias must be a finite number"):
        built.forget_bias = value
    with pytest.raises(ValueError, match="input_bias must be a finite number"):
        RelationalMemory(IN, N, HEAD, input_bias=value)
    with pytest.raises(ValueError, match="forget_bias must be a finite number"):
        LSTMBaseline(IN, 4, forget_bias=value)
