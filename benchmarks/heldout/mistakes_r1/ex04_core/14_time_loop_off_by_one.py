"""
exercise: 4.3
learner: weak
cause: range(1, T) skips the first time step, so the sequence is one step short and every output is shifted.
downstream: no
"""

# ruff: noqa: F821  (the earlier answer functions come from correct.py, as from earlier notebook cells)
import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(1, inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
