"""
exercise: 2.3
learner: weak
cause: The result is preallocated with torch.zeros, which is always float32 (and on the CPU) whatever the memory is, so a float64 memory comes back as float32; build it from the inputs, torch.cat([memory, projected_input[:, None]], dim=1) (or memory.new_zeros).
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N+1, F] with x̂ as the last row."""
    B, N, F = memory.shape
    out = torch.zeros(B, N + 1, F)
    out[:, :N] = memory
    out[:, N] = projected_input
    return out
