"""
exercise: 4.3
learner: weak
cause: range(1, T) skips the first time step, so the first input is never read and there are only T-1 outputs; loop over range(T).
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    B, T, _ = inputs.shape
    if state is None:
        state = core.initial_state(B)
    outputs = []
    for t in range(1, T):
        out, state = rmc_step(core, inputs[:, t], state)
        outputs.append(out)
    return torch.stack(outputs, dim=1), state
