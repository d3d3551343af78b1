"""
exercise: 4.3
learner: careful
cause: outputs stacked as [T, B, N*F] are reshaped to [B, T, N*F] instead of transposed, which scrambles batch elements and time steps.
downstream: no
"""

# ruff: noqa: F821  (the earlier answer functions come from correct.py, as from earlier notebook cells)
import torch


def unroll(core, inputs, state=None):
    B, T = inputs.shape[0], inputs.shape[1]
    if state is None:
        state = core.initial_state(B)
    outputs = []
    for t in range(T):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs).reshape(B, T, -1), state
