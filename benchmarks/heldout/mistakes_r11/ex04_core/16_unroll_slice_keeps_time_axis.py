"""
exercise: 4.3
learner: weak
cause: inputs[:, t:t+1] keeps a time axis of length 1, so each step receives [B, 1, input_size] instead of x_t [B, input_size] and the step fails; index the time step, inputs[:, t].
downstream: no
wrong_function: unroll
"""

import torch


def unroll(core, inputs, state=None):
    """x [B, T, input_size] -> (outputs [B, T, N*F], final state [B, N, F])."""
    if state is None:
        state = core.initial_state(inputs.size(0))
    outputs = []
    for t in range(inputs.size(1)):
        x_t = inputs[:, t : t + 1]
        output, state = rmc_step(core, x_t, state)  # noqa: F821
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
