"""
exercise: 4.3
learner: weak
cause: The outputs are preallocated with np.zeros, whose default dtype is float64, so the float32 steps are copied into a float64 tensor and the result comes back in double precision; collect the steps and torch.stack them (or allocate with inputs.new_zeros / dtype=state.dtype).
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
