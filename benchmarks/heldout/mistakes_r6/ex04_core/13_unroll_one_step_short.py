"""
exercise: 4.3
learner: weak
cause: range(inputs.shape[1] - 1) stops one step early, so the last time step is never read and there are T - 1 outputs; loop over range(inputs.shape[1]).
downstream: no
"""

# ruff: noqa: F821
import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1] - 1):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
