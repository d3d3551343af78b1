"""
exercise: 4.3
learner: weak
cause: The batch size for the initial state is read from inputs.shape[1], which is the number of time steps T; the batch is axis 0, core.initial_state(inputs.shape[0]).
downstream: no
"""

import torch

# ruff: noqa: F821


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[1])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
