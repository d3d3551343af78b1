"""
exercise: 4.3
learner: weak
cause: range(1, T) starts at the second time step, so the first input is never read and there are only T - 1 outputs; loop over range(inputs.shape[1]), starting at 0.
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(1, inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
