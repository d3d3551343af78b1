"""
exercise: 4.3
learner: weak
cause: torch.cat joins the steps' outputs end to end, [B, T·N·F]; stack them on a new time axis, torch.stack(outputs, dim=1) -> [B, T, N·F].
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
    return torch.cat(outputs, dim=1), state
