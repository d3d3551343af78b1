"""
exercise: 2.1
learner: weak
cause: expand only makes a view, so all batch elements share the storage of one [N, F] identity and writing into one memory changes all of them; copy it per batch element with repeat(batch_size, 1, 1) (or expand(...).clone()).
downstream: no
wrong_function: initial_memory
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.expand(batch_size, mem_slots, mem_size)
