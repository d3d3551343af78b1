"""
exercise: 4.3
learner: weak
cause: Every step starts again from the first state, because the state a step returns is kept in next_state and never fed back; assign it to state so step t+1 starts where step t ended.
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, next_state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), next_state
