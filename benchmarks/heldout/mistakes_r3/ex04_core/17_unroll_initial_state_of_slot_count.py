"""
exercise: 4.3
learner: weak
cause: core.initial_state is given the number of slots instead of the batch size, so the memory has the wrong batch dimension; call core.initial_state(inputs.shape[0]).
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(core.mem_slots)
    outputs = []
    for t in range(inputs.shape[1]):
        out, state = rmc_step(core, inputs[:, t], state)
        outputs.append(out)
    return torch.stack(outputs, dim=1), state
