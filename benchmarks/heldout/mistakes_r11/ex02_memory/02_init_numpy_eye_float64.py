"""
exercise: 2.1
learner: weak
cause: The memory is built with NumPy (np.eye / np.tile give float64) and torch.tensor keeps that dtype when dtype is None, so the default memory is float64 instead of PyTorch's default float32; build it with torch.eye(N, F, dtype=dtype, device=device) directly.
downstream: no
wrong_function: initial_memory
"""

import numpy as np
import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    eye = np.eye(mem_slots, mem_size)
    memory = np.tile(eye, (batch_size, 1, 1))
    return torch.tensor(memory, dtype=dtype, device=device)
