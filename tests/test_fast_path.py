"""The fast path (rmc_ref.fast) against the readable code of core.py, in float64.

Same weights, same inputs, the two paths selected with ``core.fast_path``: outputs, final memory,
attention capture and every gradient must agree to 1e-12. And the fast path must step aside
whenever a lesson changes the model (a subclass, a replaced part, a hook, 'tile' mode).

Small distinct dims: B=2, N=3 slots, H=2 heads, head_size 5, key_size 4, input 7, T=4.
"""

from __future__ import annotations

import pytest
import torch
from support.helpers import randn, randomise
from torch import nn
from torch.testing import assert_close

from rmc_ref import RelationalMemory

B, N, H, HEAD, KEY, IN, T = 2, 3, 2, 5, 4, 7, 4
TIGHT = dict(rtol=1e-12, atol=1e-12)


def _core(seed=0, **overrides) -> RelationalMemory:
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
    )
    kwargs.update(overrides)
    torch.manual_seed(seed)
    return randomise(RelationalMemory(**kwargs).to(torch.float64), seed + 1000, 0.3)


def _run(core, fast_path: bool, x, state, return_attention: bool, single_step: bool = False):
    """(results, gradients wrt x, state and every parameter) of one path."""
    core.fast_path = fast_path
    core.zero_grad(set_to_none=True)
    x = x.clone().requires_grad_(True)
    state = state.clone().requires_grad_(True)
    if single_step:
        results = core(x, state, return_attention=return_attention)
    else:
        results = core.unroll(x, state, return_attention=return_attention)
    # a loss that weighs every output, the final memory and (when captured) every attention weight
    loss = sum((r * randn(*r.shape, seed=i)).sum() for i, r in enumerate(results))
    loss.backward()
    grads = [x.grad, state.grad] + [p.grad for p in core.parameters()]
    return [r.detach() for r in results], grads


CONFIGS = [
    dict(),
    dict(num_blocks=1),
    dict(num_blocks=3, gate_style="memory"),
    dict(gate_style=None),
    dict(attention_mlp_layers=1, key_size=None),
    dict(attention_mlp_layers=3, num_heads=1),
    dict(mem_slots=12),  # N > F = 10: identity memory truncated
]


@pytest.mark.parametrize("return_attention", [False, True])
@pytest.mark.parametrize("overrides", CONFIGS)
def test_fast_unroll_equals_readable_unroll(overrides, return_attention):
    core = _core(**overrides)
    assert core.uses_fast_path()
    x = randn(B, T, IN, seed=1)
    state = randn(B, core.mem_slots, core.mem_size, seed=2)
    slow, slow_grads = _run(core, False, x, state, return_attention)
    quick, quick_grads = _run(core, True, x, state, return_attention)
    assert len(quick) == len(slow) == (3 if return_attention else 2)
    for a, b in zip(quick, slow):
        assert_close(a, b, **TIGHT)
    for a, b in zip(quick_grads, slow_grads):
        assert_close(a, b, **TIGHT)


@pytest.mark.parametrize("return_attention", [False, True])
def test_fast_single_step_equals_readable_step(return_attention):
    core = _core()
    x, state = randn(B, IN, seed=3), randn(B, N, core.mem_size, seed=4)
    slow, slow_grads = _run(core, False, x, state, return_attention, single_step=True)
    quick, quick_grads = _run(core, True, x, state, return_attention, single_step=True)
    for a, b in zip(quick + quick_grads, slow + slow_grads):
        assert a.shape == b.shape
        assert_close(a, b, **TIGHT)


def test_fast_path_default_state_and_float32():
    core = _core().float()
    x = randn(B, T, IN, seed=5, dtype=torch.float32)
    quick = core.unroll(x)
    core.fast_path = False
    slow = core.unroll(x)
    for a, b in zip(quick, slow):
        assert a.dtype == torch.float32
        assert_close(a, b)


def test_fast_path_reads_bias_constants_at_call_time():
    core = _core()
    x = randn(B, T, IN, seed=6)
    core.gates.forget_bias, core.gates.input_bias = 4.0, -2.5
    quick = core.unroll(x)[0]
    core.fast_path = False
    assert_close(quick, core.unroll(x)[0], **TIGHT)


def test_fast_path_still_checks_shapes():
    core = _core()
    with pytest.raises(ValueError, match=r"\[B, T, 7\]"):
        core.unroll(randn(B, T, IN + 1, seed=7))
    with pytest.raises(ValueError, match=r"\[2, 3, 10\]"):
        core.unroll(randn(B, T, IN, seed=7), randn(B, N + 1, 10, seed=8))
    with pytest.raises(ValueError, match=r"\[2, 3, 10\]"):
        core(randn(B, IN, seed=7), randn(B, N, 11, seed=8))


class _Discarded(RelationalMemory):
    def attend_over_memory(self, memory, projected_input):
        _, weights = super().attend_over_memory(memory, projected_input)
        return memory, weights


class _ZeroMLP(nn.Module):
    def forward(self, rows):
        return torch.zeros_like(rows)


def test_fast_path_steps_aside_for_lessons_changing_the_model():
    x = randn(B, T, IN, seed=9)
    assert not _core(input_mode="tile").uses_fast_path()
    # a subclass overriding a step: the override must run
    discarded = _Discarded(IN, N, HEAD, H, num_blocks=2, key_size=KEY).double()
    assert not discarded.uses_fast_path()
    # with attention discarded and no gates M' = M: the memory never changes
    frozen = _Discarded(IN, N, HEAD, H, gate_style=None).double()
    state = randn(B, N, HEAD * H, seed=10)
    assert_close(frozen.unroll(x, state)[1], state)
    # a replaced LayerNorm or a hook: readable path, so the change shows
    core = _core()
    core.blocks[0].mlp_norm = nn.Identity()
    assert not core.uses_fast_path()
    core = _core()
    calls = []
    handle = core.blocks[0].register_forward_hook(lambda *args: calls.append(1))
    assert not core.uses_fast_path()
    core.unroll(x)
    assert len(calls) == T
    handle.remove()
    assert core.uses_fast_path()
    core.register_forward_pre_hook(lambda *args: None)
    assert not core.uses_fast_path()


def test_fast_path_honours_a_replaced_mlp_and_fewer_blocks():
    core = _core(num_blocks=3)
    core.mlp = _ZeroMLP()
    core.blocks = core.blocks[:1]
    assert core.uses_fast_path()
    x = randn(B, T, IN, seed=11)
    quick = core.unroll(x, return_attention=True)
    core.fast_path = False
    slow = core.unroll(x, return_attention=True)
    assert quick[2].shape[2] == 1
    for a, b in zip(quick, slow):
        assert_close(a, b, **TIGHT)


def test_capturing_attention_changes_no_result_even_in_float32():
    core = _core().float()
    x = randn(B, T, IN, seed=12, dtype=torch.float32)
    plain = core.unroll(x)
    captured = core.unroll(x, return_attention=True)
    assert torch.equal(plain[0], captured[0]) and torch.equal(plain[1], captured[1])
    with torch.no_grad():  # inference runs the same kernels
        plain = core.unroll(x)
        captured = core.unroll(x, return_attention=True)
    assert torch.equal(plain[0], captured[0]) and torch.equal(plain[1], captured[1])


@pytest.mark.parametrize("overrides", [dict(), dict(num_blocks=1, gate_style="memory"), dict(key_size=None)])
def test_fast_inference_without_autograd_equals_readable(overrides):
    core = _core(**overrides)
    x, state = randn(B, T, IN, seed=13), randn(B, core.mem_slots, core.mem_size, seed=14)
    with torch.no_grad():
        quick = core.unroll(x, state)
        quick_step = core(x[:, 0], state)
        core.fast_path = False
        slow = core.unroll(x, state)
        slow_step = core(x[:, 0], state)
    for a, b in zip(quick + quick_step, slow + slow_step):
        assert_close(a, b, **TIGHT)
