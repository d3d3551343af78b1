"""
exercise: 4.3
learner: careful
cause: The state is detached after every step, so the gradient of a later output stops at the step boundary (truncated backprop through time); keep the state attached so backprop runs through the whole sequence.
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
        state = state.detach()
    return torch.stack(outputs, dim=1), state
