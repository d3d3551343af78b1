"""
exercise: 4.3
learner: weak
cause: The last step's output (the flat [B, N*F] vector) is returned as the final state; return the state the last step returned, the memory [B, N, F].
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
    return torch.stack(outputs, dim=1), output
