"""
exercise: 4.3
learner: weak
cause: The outputs are preallocated with torch.from_numpy(np.zeros(...)), which is float64, so every step's float32 output is copied into a double tensor and the result has the wrong dtype; stack the outputs (or preallocate with inputs.new_zeros).
downstream: no
"""

# ruff: noqa: F821

import numpy as np
import torch


def unroll(core, inputs, state=None):
    batch_size, steps = inputs.shape[0], inputs.shape[1]
    if state is None:
        state = core.initial_state(batch_size)
    outputs = torch.from_numpy(np.zeros((batch_size, steps, core.output_size)))
    for t in range(steps):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs[:, t] = output
    return outputs, state
