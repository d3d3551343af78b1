"""
exercise: 2.3
learner: careful
cause: The result is written into a buffer made with torch.zeros without the memory's dtype, so a float64 memory comes back as float32; create the buffer with dtype=memory.dtype (or use torch.cat).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    B, N, F = memory.shape
    out = torch.zeros(B, N + 1, F)
    out[:, :N] = memory
    out[:, N] = projected_input
    return out
