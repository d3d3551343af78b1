"""
exercise: 4.3
learner: weak
cause: The loop runs over inputs.shape[0], the batch size, not over the T time steps on axis 1; loop over range(inputs.shape[1]).
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[0]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
