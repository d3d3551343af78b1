"""
exercise: 4.3
learner: careful
cause: Each time step's output is the memory the step starts from (the previous state flattened), so the outputs lag one step behind and the last step's output is never returned; the output of step t is the one rmc_step returns for x_t.
downstream: no
wrong_function: unroll
"""

# ruff: noqa: F821
import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    batch_size, steps = inputs.shape[0], inputs.shape[1]
    outputs = []
    for t in range(steps):
        outputs.append(state.reshape(batch_size, -1))
        _, state = rmc_step(core, inputs[:, t], state)
    return torch.stack(outputs, dim=1), state
