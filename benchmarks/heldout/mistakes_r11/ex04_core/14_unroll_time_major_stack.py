"""
exercise: 4.3
learner: weak
cause: torch.stack without dim puts the new time axis first, [T, B, N*F] (time-major, like nn.LSTM's default); the outputs are batch-first, stack on dim=1 for [B, T, N*F].
downstream: no
wrong_function: unroll
"""

import torch


def unroll(core, inputs, state=None):
    """x [B, T, input_size] -> (outputs [B, T, N*F], final state [B, N, F])."""
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)  # noqa: F821
        outputs.append(output)
    return torch.stack(outputs), state
