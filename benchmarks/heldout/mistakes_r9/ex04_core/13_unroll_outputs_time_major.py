"""
exercise: 4.3
learner: weak
cause: torch.stack(outputs) stacks on a new axis 0, giving time-major [T, B, N*F] (nn.LSTM's default layout); the course is batch-first, stack on axis 1, torch.stack(outputs, dim=1) -> [B, T, N*F].
downstream: no
wrong_function: unroll
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
