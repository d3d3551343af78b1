"""
exercise: 4.3
learner: weak
cause: `if not state` asks for the truth value of a whole tensor, which raises as soon as a state is passed; test `if state is None`.
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if not state:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        out, state = rmc_step(core, inputs[:, t], state)
        outputs.append(out)
    return torch.stack(outputs, dim=1), state
