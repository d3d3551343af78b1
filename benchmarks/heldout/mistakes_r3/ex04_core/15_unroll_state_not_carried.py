"""
exercise: 4.3
learner: weak
cause: The new state of each step is stored under another name and never fed back, so every step starts from the initial state; assign the returned state to `state` for the next step.
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        out, new_state = rmc_step(core, inputs[:, t], state)
        outputs.append(out)
    return torch.stack(outputs, dim=1), new_state
