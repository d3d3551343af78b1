"""
exercise: 4.3
learner: weak
cause: inputs[:, t:t + 1] keeps the time axis, so each step gets [B, 1, input_size] instead of x_t [B, input_size] and the projected input no longer fits as one row; index the step, inputs[:, t].
downstream: no
"""

import torch

# ruff: noqa: F821


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t : t + 1], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
