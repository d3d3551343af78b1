"""
exercise: 4.3
learner: careful
cause: The loop starts at t = 1, as if the starting memory were time step 0's result, so the first input x_0 is never read and there are only T-1 outputs; every input x_0 ... x_{T-1} gets a step, range(inputs.shape[1]).
downstream: no
wrong_function: unroll
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
