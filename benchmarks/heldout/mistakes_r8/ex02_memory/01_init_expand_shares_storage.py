"""
exercise: 2.1
learner: careful
cause: expand only makes a view, so every batch element reads the same N x F storage and writing into one memory changes all of them; copy it per batch element with repeat(batch_size, 1, 1) (or .clone() after expand).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.unsqueeze(0).expand(batch_size, -1, -1)
