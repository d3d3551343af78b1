"""
exercise: 4.3
learner: careful
cause: The output of step t is recorded as the memory the step starts from, so the outputs lag one step behind (the first is the initial memory, the last step's memory is never output); record the output the step returns, flatten(M') after reading x_t.
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
        outputs.append(state.flatten(1))
        _, state = rmc_step(core, inputs[:, t], state)
    return torch.stack(outputs, dim=1), state
