"""
exercise: 4.3
learner: careful
cause: The output of step t is taken as the memory the step starts from, so the outputs are M_0 ... M_{T-1} flattened, one step behind (and the first one is the initial memory); record the output each step returns, M_1 ... M_T.
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
        outputs.append(state.reshape(state.shape[0], -1))
        _, state = rmc_step(core, inputs[:, t], state)
    return torch.stack(outputs, dim=1), state
