"""
exercise: 2.3
learner: careful
cause: The result is preallocated with torch.zeros without the inputs' dtype, so a float64 memory comes back as float32; allocate with dtype=memory.dtype (torch.zeros(..., dtype=memory.dtype, device=memory.device)) or simply torch.cat.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    B, N, F = memory.shape
    out = torch.zeros(B, N + 1, F)
    out[:, :N] = memory
    out[:, N] = projected_input
    return out
