"""Tests of the memory and its input (rmc_ref.memory): the initial memory, the input projection,
and the two ways of showing the input to attention (a row appended, or tiled into every slot).

The initial memory is checked against ``reference_transcription`` and the identity it should be;
then its dtype and device, and the error messages (tests/support/messages.py). Dimensions are
small and pairwise distinct: B=2, N=3 slots, H=2 heads, head_size 5, key_size 4, input_size 7
(so F = 10).
"""

from __future__ import annotations

import pytest
import torch
from support import reference_transcription as ref
from support.helpers import randn
from support.messages import assert_bad_size_named, assert_shape_error
from torch.testing import assert_close

from rmc_ref import RelationalMemory, initial_memory
from rmc_ref.memory import InputProjection, append_input_row, tile_input

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
# Initial memory
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("slots,heads,head_size", [(3, 2, 5), (5, 1, 3), (4, 2, 2), (2, 3, 1)])
def test_initial_state_is_identity_padded_or_truncated(slots, heads, head_size):
    core = _core(mem_slots=slots, num_heads=heads, head_size=head_size, key_size=None)
    width = heads * head_size
    state = core.initial_state(B)
    assert_close(state, ref.initial_memory(B, slots, width, dtype=DTYPE))
    eye = torch.eye(max(slots, width), dtype=DTYPE)[:slots, :width]
    for b in range(B):
        assert_close(state[b], eye)
    assert_close(initial_memory(B, slots, width, dtype=DTYPE), state)


def test_initial_state_not_learned_and_independent_per_batch():
    core = _core()
    state = core.initial_state(B)
    assert not state.requires_grad
    assert all(p.shape != (N, F) and p.shape != (B, N, F) for p in core.parameters())
    assert state.stride(0) != 0, "batch copies must not be an expanded view of one tensor"
    state[0, 0, 0] = 42.0
    assert state[1, 0, 0] == 1.0, "writing one batch element changed another"
    assert core.initial_state(B)[0, 0, 0] == 1.0, "initial_state must return fresh memory"
    # unchanged by training-like parameter updates: it is a constant
    with torch.no_grad():
        for parameter in core.parameters():
            parameter.mul_(2.0)
    assert_close(core.initial_state(B), ref.initial_memory(B, N, F, dtype=DTYPE))


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
# Error messages (tests/support/messages.py)
# ----------------------------------------------------------------------------------------------
def _shape_cases() -> dict:
    """id -> (call, name, expected, actual, a word of the hint or None when there is no hint)"""
    memory = _randn(B, N, F, seed=1)
    x_hat = _randn(B, F, seed=2)
    return {
        "input-projection": (
            lambda: InputProjection(IN, F)(_randn(B, IN - 1, seed=4)),
            "input x_t",
            f"[B, {IN}]",
            f"[{B}, {IN - 1}]",
            "unroll",
        ),
        "append-memory": (lambda: append_input_row(memory[0], x_hat), "memory", "[B, N, F]", f"[{N}, {F}]", None),
        "append-input": (
            lambda: append_input_row(memory, x_hat[:, :-1]),
            "projected input",
            f"[{B}, {F}]",
            f"[{B}, {F - 1}]",
            "as wide as a memory slot",
        ),
        "tile-memory": (lambda: tile_input(memory[0], x_hat), "memory", "[B, N, F]", f"[{N}, {F}]", None),
        "tile-input": (
            lambda: tile_input(memory, x_hat[:, :-1]),
            "projected input",
            f"[{B}, {F}]",
            f"[{B}, {F - 1}]",
            "as wide as a memory slot",
        ),
    }


@pytest.mark.parametrize("case", ["input-projection", "append-memory", "append-input", "tile-memory", "tile-input"])
def test_shape_errors_name_the_tensor_expected_and_actual_shapes(case):
    assert_shape_error(*_shape_cases()[case])


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: initial_memory(0, N, F), "batch_size"),
        (lambda: initial_memory(B, 0, F), "mem_slots"),
        (lambda: initial_memory(B, N, 0), "mem_size"),
        (lambda: InputProjection(0, F), "input_size"),
        (lambda: InputProjection(IN, 0), "mem_size"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bad_sizes_name_the_argument(call, name):
    assert_bad_size_named(call, name)
