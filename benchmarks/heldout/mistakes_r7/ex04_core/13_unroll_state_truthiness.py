"""
exercise: 4.3
learner: weak
cause: if not state tests the truth value of the state tensor, which raises as soon as a real state [B, N, F] is passed; test for a missing state with if state is None.
downstream: no
"""

import torch

# ruff: noqa: F821


def unroll(core, inputs, state=None):
    if not state:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
