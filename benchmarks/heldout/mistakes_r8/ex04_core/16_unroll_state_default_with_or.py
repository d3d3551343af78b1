"""
exercise: 4.3
learner: weak
cause: `state or core.initial_state(...)` asks a tensor for its truth value, which raises as soon as a state with more than one element is passed; test for the missing state explicitly, `if state is None:`.
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    state = state or core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
