"""
exercise: 2.1
learner: weak
cause: np.eye builds float64 arrays and torch.as_tensor keeps that dtype when dtype is None, so the default memory comes back float64 instead of torch's default float32; build it with torch.eye(N, F, dtype=dtype, device=device) so dtype=None means the torch default.
downstream: no
wrong_function: initial_memory
"""

import numpy as np
import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = np.eye(mem_slots, mem_size)
    memory = np.stack([eye] * batch_size)
    return torch.as_tensor(memory, dtype=dtype, device=device)
