"""
exercise: 4.3
learner: careful
cause: The state passed in is overwritten by core.initial_state, so a sequence can never continue from a given memory; start from the initial state only when state is None.
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
