"""
exercise: 2.1
learner: careful
cause: expand only makes a view with stride 0 on the batch axis, so all B memories are the same storage and writing into one changes every other one; give each batch element its own copy with repeat(batch_size, 1, 1) (or .clone() after expand).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    identity = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return identity.unsqueeze(0).expand(batch_size, -1, -1)
