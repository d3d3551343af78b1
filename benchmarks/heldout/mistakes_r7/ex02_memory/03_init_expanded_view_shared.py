"""
exercise: 2.1
learner: careful
cause: expand only makes a view: every batch element reads the same [N, F] storage, so writing into one memory changes all of them; copy it per batch element with repeat(batch_size, 1, 1) (or expand(...).clone()).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    identity = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return identity.expand(batch_size, mem_slots, mem_size)
