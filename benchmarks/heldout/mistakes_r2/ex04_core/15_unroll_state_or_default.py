"""
exercise: 4.3
learner: careful
cause: `state or core.initial_state(...)` asks for the truth value of a tensor, which raises when a state is given; test `if state is None` instead.
downstream: no
"""

# ruff: noqa: F821
import torch


def unroll(core, inputs, state=None):
    B, T, _ = inputs.shape
    state = state or core.initial_state(B)
    outputs = []
    for t in range(T):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
