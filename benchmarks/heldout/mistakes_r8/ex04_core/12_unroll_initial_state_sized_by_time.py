"""
exercise: 4.3
learner: weak
cause: The initial state is built for inputs.shape[1], the number of time steps, not the batch size, so the memory has T rows of examples and does not line up with the inputs; call core.initial_state(inputs.shape[0]).
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[1])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
