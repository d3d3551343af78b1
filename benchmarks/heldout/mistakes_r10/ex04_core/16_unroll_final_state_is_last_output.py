"""
exercise: 4.3
learner: weak
cause: The last output is returned as the final state, but it is the memory flattened to [B, N*F]; return the state the last step gave back, [B, N, F], which a next call can continue from.
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
    return torch.stack(outputs, dim=1), outputs[-1]
