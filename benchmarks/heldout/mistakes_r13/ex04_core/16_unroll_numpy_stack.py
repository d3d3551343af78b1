"""
exercise: 4.3
learner: weak
cause: The outputs go through NumPy (detach().numpy(), np.stack, torch.from_numpy), which cuts them from the graph, so no gradient reaches the core through them; stack the tensors with torch.stack(outputs, dim=1).
downstream: no
wrong_function: unroll
"""
# ruff: noqa: F821

import numpy as np
import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output.detach().numpy())
    return torch.from_numpy(np.stack(outputs, axis=1)), state
