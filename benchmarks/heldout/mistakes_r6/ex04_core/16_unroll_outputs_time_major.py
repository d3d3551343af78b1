"""
exercise: 4.3
learner: careful
cause: torch.stack(outputs) puts time first, [T, B, N*F], the layout of nn.LSTM without batch_first; the exercise is batch-first like its input, stack on axis 1: torch.stack(outputs, dim=1) -> [B, T, N*F].
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
    return torch.stack(outputs), state
