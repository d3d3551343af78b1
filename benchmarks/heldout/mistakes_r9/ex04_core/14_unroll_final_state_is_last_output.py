"""
exercise: 4.3
learner: weak
cause: The last step's flat output [B, N*F] is returned as the final state; the final state is the memory the last step returned, state [B, N, F].
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
    return torch.stack(outputs, dim=1), output
