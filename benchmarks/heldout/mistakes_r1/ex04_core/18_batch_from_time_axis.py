"""
exercise: 4.3
learner: weak
cause: the initial state is built for inputs.shape[1] (the number of time steps) instead of the batch size inputs.shape[0].
downstream: no
"""

# ruff: noqa: F821  (the earlier answer functions come from correct.py, as from earlier notebook cells)
import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[1])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
