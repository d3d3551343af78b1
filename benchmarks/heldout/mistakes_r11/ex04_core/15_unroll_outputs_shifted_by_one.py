"""
exercise: 4.3
learner: careful
cause: Each step's output is taken as the state the step starts from (the initial memory first), so the outputs lag one step behind and the last step's output is missing; the output of step t is the one rmc_step returns for x_t, i.e. M' after reading x_t.
downstream: no
wrong_function: unroll
"""

import torch


def unroll(core, inputs, state=None):
    """x [B, T, input_size] -> (outputs [B, T, N*F], final state [B, N, F])."""
    batch_size, steps = inputs.shape[0], inputs.shape[1]
    if state is None:
        state = core.initial_state(batch_size)
    outputs = []
    for t in range(steps):
        outputs.append(state.reshape(batch_size, -1))  # [B, N*F]
        _, state = rmc_step(core, inputs[:, t], state)  # noqa: F821
    return torch.stack(outputs, dim=1), state
