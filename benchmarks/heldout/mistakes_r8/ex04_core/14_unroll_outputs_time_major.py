"""
exercise: 4.3
learner: careful
cause: The outputs are stacked time-major, [T, B, N*F], like nn.LSTM's default layout, but the inputs here are batch-first and so are the outputs: stack on axis 1, [B, T, N*F].
downstream: no
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=0), state
