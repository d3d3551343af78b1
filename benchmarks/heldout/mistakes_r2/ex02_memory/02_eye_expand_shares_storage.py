"""
exercise: 2.1
learner: careful
cause: expand() gives every batch element a view of the same [N, F] matrix, so writing into one memory changes all of them; make real copies with repeat(batch_size, 1, 1) or .clone() after expand.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)  # padded or cut to F
    return eye.expand(batch_size, -1, -1)
