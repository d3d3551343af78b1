"""
exercise: 2.1
learner: weak
cause: expand only makes a view, so all B memories share the storage of one [N, F] matrix and writing into one batch element changes all of them; make real copies, e.g. torch.eye(N, F).repeat(B, 1, 1).
downstream: no
wrong_function: initial_memory
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.expand(batch_size, mem_slots, mem_size)
