"""
exercise: 4.3
learner: weak
cause: Every step starts from the same initial state because the step's new state is stored in another variable and never fed back; assign it to state so the next step starts from it.
downstream: no
"""

# ruff: noqa: F821
import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, new_state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), new_state
