"""
exercise: 4.3
learner: weak
cause: torch.stack(outputs) stacks the steps on axis 0, giving [T, B, N*F]; stack on the time axis, dim=1, for [B, T, N*F].
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
    return torch.stack(outputs), state
