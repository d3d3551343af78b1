"""
exercise: 4.3
learner: weak
cause: torch.cat joins the [B, N*F] outputs end to end into [B, T*N*F]; torch.stack(outputs, dim=1) adds the time axis, [B, T, N*F].
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        out, state = rmc_step(core, inputs[:, t], state)
        outputs.append(out)
    return torch.cat(outputs, dim=1), state
