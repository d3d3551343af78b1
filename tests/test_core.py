"""Tests of the Relational Memory Core (rmc_ref.core, its step and unroll, with its initialisation).

The core is checked against ``reference_transcription``, an independent functional transcription
of the paper notes' "One step", for every gate style and input mode, then for the properties the
equations imply: unroll == loop of steps, attention rows summing to 1, slot-permutation
equivariance, gradients; then its arguments, defaults and error messages. The initial memory and
the input projection: test_memory.py; the gates and the forget / input bias constants:
test_gating.py; the fast path: test_fast_path.py.

Dimensions are small and pairwise distinct: B=2, N=3 slots, H=2 heads, head_size 5, key_size 4,
input_size 7, T=4 (so F = 10 and N*F = 30).
"""

from __future__ import annotations

import math

import pytest
import torch
from support import reference_transcription as ref
from support.helpers import randn, randomise
from support.messages import assert_bad_size_named, assert_float32_refused, assert_shape_error, error_message
from torch.testing import assert_close

from rmc_ref import RelationalMemory
from rmc_ref.memory import InputProjection

B, N, H, HEAD, KEY, IN, T = 2, 3, 2, 5, 4, 7, 4
F = H * HEAD
DTYPE = torch.float64
GATE_STYLES = ["unit", "memory", None]
INPUT_MODES = ["row", "tile"]


def _randn(*shape, seed: int) -> torch.Tensor:
    return randn(*shape, seed=seed, dtype=DTYPE)


def _randomise(module: torch.nn.Module, seed: int, scale: float = 0.3) -> torch.nn.Module:
    return randomise(module, seed, scale)


def _kwargs(**overrides) -> dict:
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
    return kwargs


def _core(seed: int = 0, randomise: bool = True, **overrides) -> RelationalMemory:
    torch.manual_seed(seed)
    core = RelationalMemory(**_kwargs(**overrides)).to(DTYPE)
    return _randomise(core, seed + 1000) if randomise else core


def _random_state(seed: int, batch: int = B, slots: int = N, width: int = F) -> torch.Tensor:
    return _randn(batch, slots, width, seed=seed)


def _rows(input_mode: str, slots: int = N) -> int:
    return slots + 1 if input_mode == "row" else slots


# ----------------------------------------------------------------------------------------------
# Shapes
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("num_blocks", [1, 2])
@pytest.mark.parametrize("input_mode", INPUT_MODES)
@pytest.mark.parametrize("gate_style", GATE_STYLES)
def test_shapes(gate_style, input_mode, num_blocks):
    core = _core(gate_style=gate_style, input_mode=input_mode, num_blocks=num_blocks)
    R = _rows(input_mode)
    assert core.mem_size == F and core.output_size == N * F
    state = core.initial_state(B)
    assert state.shape == (B, N, F) and state.dtype == DTYPE
    x_t = _randn(B, IN, seed=1)
    out, new_state = core(x_t, state)
    assert out.shape == (B, N * F) and new_state.shape == (B, N, F)
    out, new_state, attn = core(x_t, state, return_attention=True)
    assert attn.shape == (B, num_blocks, H, R, R)
    outs, final = core.unroll(_randn(B, T, IN, seed=2))
    assert outs.shape == (B, T, N * F) and final.shape == (B, N, F)
    outs, final, attn = core.unroll(_randn(B, T, IN, seed=2), return_attention=True)
    assert attn.shape == (B, T, num_blocks, H, R, R)


def test_output_is_flattened_new_state():
    core = _core()
    out, state = core(_randn(B, IN, seed=3), _random_state(4))
    assert_close(out, state.reshape(B, N * F))
    assert_close(out[:, F : 2 * F], state[:, 1])  # slot-major flatten


# ----------------------------------------------------------------------------------------------
# A missing state is the initial memory (the initial memory itself: test_memory.py)
# ----------------------------------------------------------------------------------------------
def test_missing_state_means_initial_state():
    core = _core()
    x_t = _randn(B, IN, seed=5)
    out_default, state_default = core(x_t)
    out_explicit, state_explicit = core(x_t, core.initial_state(B))
    assert_close(out_default, out_explicit)
    x = _randn(B, T, IN, seed=6)
    assert_close(core.unroll(x)[0], core.unroll(x, core.initial_state(B))[0])


# ----------------------------------------------------------------------------------------------
# Parity with the independent transcription
# ----------------------------------------------------------------------------------------------
PARITY_CASES = [dict(gate_style=g, input_mode=m) for g in GATE_STYLES for m in INPUT_MODES] + [
    dict(gate_style="unit", num_blocks=1, attention_mlp_layers=3),
    dict(gate_style="memory", num_blocks=3, attention_mlp_layers=1, input_mode="tile"),
    dict(gate_style="unit", key_size=None, num_heads=1, head_size=6),
    dict(gate_style="memory", key_size=7, forget_bias=-0.4, input_bias=0.9),
    dict(gate_style="unit", mem_slots=6, num_heads=1, head_size=4, key_size=3),  # N > F
]


@pytest.mark.parametrize("overrides", PARITY_CASES, ids=lambda d: "-".join(f"{k}={v}" for k, v in d.items()))
def test_unroll_matches_transcription(overrides):
    kwargs = _kwargs(**overrides)
    core = _core(seed=7, **overrides)
    weights = ref.weights_from_module(core)
    cfg = ref.config(**kwargs)
    width = kwargs["num_heads"] * kwargs["head_size"]
    x = _randn(B, T, IN, seed=8)
    with torch.no_grad():
        # from the identity initial state
        outs, final, attn = core.unroll(x, return_attention=True)
        ref_outs, ref_final, ref_attn = ref.unroll(
            weights, cfg, x, ref.initial_memory(B, kwargs["mem_slots"], width, dtype=DTYPE)
        )
        assert_close(outs, ref_outs)
        assert_close(final, ref_final)
        assert_close(attn, ref_attn)
        # from a random state
        state = _random_state(9, slots=kwargs["mem_slots"], width=width)
        outs, final = core.unroll(x, state)
        ref_outs, ref_final, _ = ref.unroll(weights, cfg, x, state)
        assert_close(outs, ref_outs)
        assert_close(final, ref_final)


@pytest.mark.parametrize("input_mode", INPUT_MODES)
@pytest.mark.parametrize("gate_style", GATE_STYLES)
def test_default_init_step_matches_transcription(gate_style, input_mode):
    """With Sonnet's init (LayerNorm 1/0, Linear biases 0) and the default hyper-parameters."""
    kwargs = dict(input_size=IN, mem_slots=N, head_size=HEAD, num_heads=H, gate_style=gate_style, input_mode=input_mode)
    torch.manual_seed(11)
    core = RelationalMemory(**kwargs).to(DTYPE)
    x = _randn(B, T, IN, seed=12)
    with torch.no_grad():
        outs, final = core.unroll(x)
        ref_outs, ref_final, _ = ref.unroll(
            ref.weights_from_module(core), ref.config(**kwargs), x, ref.initial_memory(B, N, F, dtype=DTYPE)
        )
    assert_close(outs, ref_outs)
    assert_close(final, ref_final)


def test_transcription_sees_input_row_last_and_memory_attends_to_input():
    """In row mode, changing x_t changes the attention of *every* memory slot (it reads the input
    row); in tile mode attention has no input row, but x̂ still reaches every slot's q/k/v."""
    for input_mode in INPUT_MODES:
        core = _core(gate_style=None, num_blocks=1, input_mode=input_mode)
        state = _random_state(13)
        with torch.no_grad():
            _, _, attn_a = core(_randn(B, IN, seed=14), state, return_attention=True)
            _, _, attn_b = core(_randn(B, IN, seed=15), state, return_attention=True)
        for slot in range(N):
            assert not torch.allclose(attn_a[:, 0, :, slot], attn_b[:, 0, :, slot])


# ----------------------------------------------------------------------------------------------
# unroll and attention capture
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("input_mode", INPUT_MODES)
@pytest.mark.parametrize("gate_style", GATE_STYLES)
def test_unroll_equals_loop_of_steps(gate_style, input_mode):
    core = _core(gate_style=gate_style, input_mode=input_mode)
    x = _randn(B, T, IN, seed=16)
    state = _random_state(17)
    with torch.no_grad():
        outs, final, attn = core.unroll(x, state, return_attention=True)
        loop_state = state
        for t in range(T):
            out, loop_state, step_attn = core(x[:, t], loop_state, return_attention=True)
            assert_close(outs[:, t], out)
            assert_close(attn[:, t], step_attn)
        assert_close(final, loop_state)
    assert_close(state, _random_state(17)), "unroll must not modify the state it was given"


@pytest.mark.parametrize("input_mode", INPUT_MODES)
def test_attention_capture_rows_sum_to_one(input_mode):
    core = _core(input_mode=input_mode, num_blocks=2)
    R = _rows(input_mode)
    with torch.no_grad():
        _, _, attn = core.unroll(_randn(B, T, IN, seed=18), return_attention=True)
    assert attn.shape == (B, T, 2, H, R, R)
    assert (attn >= 0).all()
    assert_close(attn.sum(dim=-1), torch.ones(B, T, 2, H, R, dtype=DTYPE))
    # the two blocks and the heads do not all attend identically
    assert not torch.allclose(attn[:, :, 0], attn[:, :, 1])
    assert not torch.allclose(attn[:, :, :, 0], attn[:, :, :, 1])


def test_return_attention_does_not_change_results():
    core = _core()
    x_t, state = _randn(B, IN, seed=19), _random_state(20)
    out_a, state_a = core(x_t, state)
    out_b, state_b, _ = core(x_t, state, return_attention=True)
    assert_close(out_a, out_b)
    assert_close(state_a, state_b)


# ----------------------------------------------------------------------------------------------
# Slot-permutation equivariance
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("input_mode", INPUT_MODES)
@pytest.mark.parametrize("gate_style", GATE_STYLES)
def test_slot_permutation_equivariance(gate_style, input_mode):
    """Attention, MLP and gates act per row, so permuting the memory slots of the state permutes
    the new memory the same way (in row mode the input row stays last, outside the permutation)."""
    core = _core(gate_style=gate_style, input_mode=input_mode)
    x_t, state = _randn(B, IN, seed=21), _random_state(22)
    perm = torch.tensor([2, 0, 1])
    with torch.no_grad():
        _, new_state, attn = core(x_t, state, return_attention=True)
        _, new_state_perm, attn_perm = core(x_t, state[:, perm], return_attention=True)
    assert_close(new_state_perm, new_state[:, perm])
    rows = perm if input_mode == "tile" else torch.cat([perm, torch.tensor([N])])
    assert_close(attn_perm, attn[..., rows, :][..., rows])
    assert not torch.allclose(new_state_perm, new_state), "test is vacuous if slots are identical"


# ----------------------------------------------------------------------------------------------
# Gradients
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("gate_style,input_mode", [("unit", "row"), ("memory", "tile"), (None, "row")])
def test_gradcheck_wrt_input_and_state(gate_style, input_mode):
    torch.manual_seed(23)
    core = RelationalMemory(
        input_size=3,
        mem_slots=2,
        head_size=2,
        num_heads=2,
        num_blocks=2,
        key_size=3,
        gate_style=gate_style,
        input_mode=input_mode,
    ).to(DTYPE)
    _randomise(core, 24)
    x_t = _randn(2, 3, seed=25).requires_grad_()
    state = _randn(2, 2, 4, seed=26).requires_grad_()

    def step(x_t, state):
        out, new_state = core(x_t, state)
        return out, new_state

    assert torch.autograd.gradcheck(step, (x_t, state), eps=1e-6, atol=1e-5)


@pytest.mark.parametrize("input_mode", INPUT_MODES)
@pytest.mark.parametrize("gate_style", GATE_STYLES)
def test_every_parameter_gets_a_gradient(gate_style, input_mode):
    core = _core(gate_style=gate_style, input_mode=input_mode, randomise=False)
    x = _randn(B, T, IN, seed=27)
    outs, _ = core.unroll(x)
    loss = (outs * _randn(*outs.shape, seed=28)).sum()
    loss.backward()
    for name, parameter in core.named_parameters():
        assert parameter.grad is not None, f"{name} got no gradient"
        assert parameter.grad.abs().sum() > 0, f"{name} got an all-zero gradient"


# ----------------------------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------------------------
def test_wrong_input_width_names_shapes():
    core = _core()
    with pytest.raises(ValueError) as info:
        core(_randn(B, IN - 1, seed=1), core.initial_state(B))
    assert f"[B, {IN}]" in str(info.value) and f"[{B}, {IN - 1}]" in str(info.value)


def test_three_dimensional_input_to_forward_names_shapes_and_points_to_unroll():
    core = _core()
    with pytest.raises(ValueError) as info:
        core(_randn(B, T, IN, seed=1))
    message = str(info.value)
    assert f"[B, {IN}]" in message and f"[{B}, {T}, {IN}]" in message and "unroll" in message


def test_wrong_state_shape_names_shapes():
    core = _core()
    with pytest.raises(ValueError) as info:
        core(_randn(B, IN, seed=1), _randn(B, 6, seed=2))
    message = str(info.value)
    assert f"[{B}, {N}, {F}]" in message and f"[{B}, 6]" in message
    with pytest.raises(ValueError) as info:  # batch mismatch
        core(_randn(B, IN, seed=1), _random_state(3, batch=B + 1))
    message = str(info.value)
    assert f"[{B}, {N}, {F}]" in message and f"[{B + 1}, {N}, {F}]" in message
    with pytest.raises(ValueError) as info:  # slot width mismatch
        core(_randn(B, IN, seed=1), _random_state(3, width=F + 1))
    assert f"[{B}, {N}, {F + 1}]" in str(info.value)


def test_unroll_shape_errors():
    core = _core()
    with pytest.raises(ValueError) as info:
        core.unroll(_randn(B, IN, seed=1))
    assert f"[B, T, {IN}]" in str(info.value) and f"[{B}, {IN}]" in str(info.value)
    with pytest.raises(ValueError) as info:
        core.unroll(_randn(B, 0, IN, seed=1))
    assert f"[{B}, 0, {IN}]" in str(info.value)


@pytest.mark.parametrize(
    "overrides,words",
    [
        (dict(gate_style="bogus"), ["gate_style", "'unit'", "'memory'", "None", "'bogus'"]),
        (dict(input_mode="column"), ["input_mode", "'row'", "'tile'", "'column'"]),
        (dict(num_heads=0), ["num_heads", ">= 1", "0"]),
        (dict(head_size=0), ["head_size", ">= 1"]),
        (dict(mem_slots=-2), ["mem_slots", "-2"]),
        (dict(num_blocks=0), ["num_blocks"]),
        (dict(attention_mlp_layers=0), ["attention_mlp_layers"]),
        (dict(key_size=0), ["key_size"]),
    ],
)
def test_bad_arguments_raise_value_error(overrides, words):
    with pytest.raises(ValueError) as info:
        RelationalMemory(**_kwargs(**overrides))
    for word in words:
        assert word in str(info.value), f"{word!r} not in {str(info.value)!r}"


def test_non_tensor_input_names_expected_shape_and_type():
    message = error_message(lambda: _core()([[0.0] * IN] * B))
    assert message == f"input x_t must be a torch.Tensor of shape [B, {IN}], got list"


def test_unroll_of_empty_sequence_says_so():
    message = error_message(lambda: _core().unroll(torch.zeros(B, 0, IN, dtype=DTYPE)))
    assert message.startswith("input sequence x must have at least one time step")


def _shape_cases() -> dict:
    """id -> (call, name, expected, actual, a word of the hint) (tests/support/messages.py)"""
    core = _core()
    return {
        "core-x_t": (lambda: core(_randn(B, IN + 1, seed=4)), "input x_t", f"[B, {IN}]", f"[{B}, {IN + 1}]", "unroll"),
        "core-state": (
            lambda: core(_randn(B, IN, seed=4), _randn(B, N + 1, F, seed=5)),
            "state (memory)",
            f"[{B}, {N}, {F}]",
            f"[{B}, {N + 1}, {F}]",
            "initial_state",
        ),
        "core-unroll": (
            lambda: core.unroll(_randn(B, IN, seed=4)),
            "input sequence x",
            f"[B, T, {IN}]",
            f"[{B}, {IN}]",
            "one step",
        ),
    }


@pytest.mark.parametrize("case", ["core-x_t", "core-state", "core-unroll"])
def test_shape_errors_name_the_tensor_expected_and_actual_shapes(case):
    assert_shape_error(*_shape_cases()[case])


def _float64_core() -> RelationalMemory:
    torch.manual_seed(0)
    return RelationalMemory(IN, N, HEAD, num_heads=H).double()


MISMATCHES = [
    (lambda: _float64_core()(randn(B, IN, seed=0, dtype=torch.float32)), "input x_t"),
    (lambda: _float64_core().unroll(randn(B, 4, IN, seed=0, dtype=torch.float32)), "input sequence x"),
    (lambda: _float64_core()(randn(B, IN, seed=0), randn(B, N, F, seed=1, dtype=torch.float32)), r"state \(memory\)"),
]


@pytest.mark.parametrize("call, name", MISMATCHES, ids=range(len(MISMATCHES)))
def test_float64_model_fed_float32_names_expected_and_actual(call, name):
    assert_float32_refused(call, name)


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: RelationalMemory(0, N, HEAD), "input_size"),
        (lambda: RelationalMemory(IN, 0, HEAD), "mem_slots"),
        (lambda: RelationalMemory(IN, N, 0), "head_size"),
        (lambda: RelationalMemory(IN, N, HEAD, num_heads=0), "num_heads"),
        (lambda: RelationalMemory(IN, N, HEAD, num_blocks=0), "num_blocks"),
        (lambda: RelationalMemory(IN, N, HEAD, attention_mlp_layers=0), "attention_mlp_layers"),
        (lambda: RelationalMemory(IN, N, HEAD, key_size=0), "key_size"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bad_sizes_name_the_argument(call, name):
    assert_bad_size_named(call, name)


# ----------------------------------------------------------------------------------------------
# Public API (docs/architecture.md) and initialisation
# ----------------------------------------------------------------------------------------------
def test_design_public_api_example():
    input_size, mem_slots, head_size, batch_size = 40, 4, 6, 3
    from rmc_ref import LSTMBaseline, NthFarthest, RelationalMemory  # noqa: F401

    core = RelationalMemory(
        input_size,
        mem_slots,
        head_size,
        num_heads=1,
        num_blocks=1,
        forget_bias=1.0,
        input_bias=0.0,
        gate_style="unit",
        attention_mlp_layers=2,
        key_size=None,
        input_mode="row",
    )
    assert core.mem_size == 1 * head_size
    state = core.initial_state(batch_size)
    assert state.shape == (batch_size, mem_slots, core.mem_size)
    task = NthFarthest(num_objects=8, num_features=16)
    inputs, labels = task.sample(batch_size, generator=torch.Generator().manual_seed(0))
    assert inputs.shape == (batch_size, 8, 16 + 3 * 8) and inputs.dtype == torch.float32
    assert labels.shape == (batch_size,) and labels.dtype == torch.int64
    x_t = inputs[:, 0]
    out, state = core(x_t, state)
    assert out.shape == (batch_size, mem_slots * core.mem_size)
    out, state, attn = core(x_t, state, return_attention=True)
    assert attn.shape == (batch_size, 1, 1, mem_slots + 1, mem_slots + 1)
    outs, state = core.unroll(inputs, state=None)
    assert outs.shape == (batch_size, 8, mem_slots * core.mem_size)
    core = RelationalMemory(input_size, mem_slots, head_size, num_heads=2)
    assert core.mem_size == 2 * head_size
    lstm = LSTMBaseline(input_size, 11)
    assert lstm.unroll(inputs)[0].shape == (batch_size, 8, 11)


def test_core_defaults_and_stored_arguments():
    core = RelationalMemory(IN, N, HEAD)
    assert (core.num_heads, core.num_blocks, core.attention_mlp_layers) == (1, 1, 2)
    assert core.key_size == HEAD and core.mem_size == HEAD
    assert (core.gate_style, core.input_mode) == ("unit", "row")
    assert (core.forget_bias, core.input_bias) == (1.0, 0.0)
    core = RelationalMemory(
        IN, N, HEAD, num_heads=H, gate_style="memory", forget_bias=2, input_bias=-1, input_mode="tile"
    )
    assert core.gate_style == "memory" and core.input_mode == "tile"
    assert core.forget_bias == 2.0 and core.input_bias == -1.0
    assert "gate_style='memory'" in repr(core) and "forget_bias=2.0" in repr(core)
    assert "input_bias=-1.0" in repr(core)
    projection = InputProjection(IN, F)
    assert (projection.input_size, projection.mem_size) == (IN, F)


def test_linear_init_is_sonnet_truncated_normal_and_zero_bias():
    torch.manual_seed(36)
    core = RelationalMemory(
        input_size=IN, mem_slots=N, head_size=HEAD, num_heads=H, num_blocks=2, key_size=KEY, gate_style="unit"
    )
    linears = [m for m in core.modules() if isinstance(m, torch.nn.Linear)]
    assert len(linears) == 1 + 2 + 2 + 2  # input projection, 2 qkv, 2 MLP layers, 2 gate layers
    for linear in linears:
        std = 1.0 / math.sqrt(linear.in_features)
        assert linear.weight.abs().max() <= 2 * std + 1e-7
        assert linear.weight.std() > 0.5 * std
        assert (linear.bias == 0).all()
    for norm in (m for m in core.modules() if isinstance(m, torch.nn.LayerNorm)):
        assert (norm.weight == 1).all() and (norm.bias == 0).all()


def test_linear_init_std_is_one_over_sqrt_fan_in():
    torch.manual_seed(37)
    core = RelationalMemory(input_size=900, mem_slots=2, head_size=8, num_heads=2, gate_style=None)
    weight = core.input_projection.linear.weight  # 16 x 900 samples
    std = 1.0 / math.sqrt(900)
    # a normal truncated at +-2 std has standard deviation 0.8796 std
    assert abs(weight.std().item() - 0.8796 * std) < 0.03 * std
    assert abs(weight.mean().item()) < 0.03 * std
