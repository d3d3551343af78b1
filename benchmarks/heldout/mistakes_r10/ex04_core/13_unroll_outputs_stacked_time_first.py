"""
exercise: 4.3
learner: weak
cause: torch.stack without dim puts the new time axis first, [T, B, N*F]; the outputs are batch first, so stack on axis 1, torch.stack(outputs, dim=1) -> [B, T, N*F].
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
