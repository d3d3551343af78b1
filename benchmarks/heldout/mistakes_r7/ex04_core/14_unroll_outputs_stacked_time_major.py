"""
exercise: 4.3
learner: weak
cause: torch.stack without dim stacks the steps on a new axis 0, giving time-major [T, B, N*F] (like nn.LSTM's default); the exercise wants batch first, torch.stack(outputs, dim=1) -> [B, T, N*F].
downstream: no
"""

import torch

# ruff: noqa: F821


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs), state
