"""
exercise: 4.3
learner: weak
cause: The outputs are returned as a Python list of T tensors; return one tensor [B, T, N*F] by stacking them on the time axis, torch.stack(outputs, dim=1).
downstream: no
wrong_function: unroll
"""

import torch


def unroll(core, inputs, state=None):
    """x [B, T, input_size] -> (outputs [B, T, N*F], final state [B, N, F])."""
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)  # noqa: F821
        outputs.append(output)
    return outputs, state
