"""
exercise: 2.1
learner: weak
cause: expand only makes a view: all batch elements read the same N×F storage, so writing into one memory changes every other one; copy it per batch element, with .repeat(batch_size, 1, 1) or .expand(...).clone().
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.expand(batch_size, -1, -1)
