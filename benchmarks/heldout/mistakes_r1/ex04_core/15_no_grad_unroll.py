"""
exercise: 4.3
learner: weak
cause: the loop is wrapped in `torch.no_grad()` copied from the lesson's evaluation cells, so the unrolled outputs carry no gradient and cannot be trained.
downstream: no
"""

# ruff: noqa: F821  (the earlier answer functions come from correct.py, as from earlier notebook cells)
import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    with torch.no_grad():
        for t in range(inputs.shape[1]):
            output, state = rmc_step(core, inputs[:, t], state)
            outputs.append(output)
    return torch.stack(outputs, dim=1), state
