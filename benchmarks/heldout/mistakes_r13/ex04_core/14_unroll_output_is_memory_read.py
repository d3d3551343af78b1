"""
exercise: 4.3
learner: careful
cause: The output recorded at step t is the memory the step started from (flattened), so the outputs lag one step behind and the first one ignores the input; record the output that step t returns, the flattened M' after reading x_t.
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
