"""
exercise: 4.3
learner: weak
cause: The outputs are detached and stacked in NumPy, so the returned outputs are cut from the graph and no gradient reaches the core's parameters; keep them as tensors, torch.stack(outputs, dim=1).
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
