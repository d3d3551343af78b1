"""
exercise: 2.3
learner: careful
cause: the [B, N+1, F] buffer is made with torch.zeros' default dtype and device, so a float64 memory is silently cast to float32.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    B, N, F = memory.shape
    out = torch.zeros(B, N + 1, F)
    out[:, :N] = memory
    out[:, N] = projected_input
    return out
