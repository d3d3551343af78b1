"""
exercise: 4.3
learner: careful
cause: The outputs are stacked time-major, [T, B, N*F], as nn.LSTM returns by default, but the exercise wants batch first; stack on dim=1.
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for x_t in inputs.unbind(dim=1):
        out, state = rmc_step(core, x_t, state)
        outputs.append(out)
    return torch.stack(outputs), state
