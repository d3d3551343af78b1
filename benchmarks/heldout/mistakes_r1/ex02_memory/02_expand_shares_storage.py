"""
exercise: 2.1
learner: weak
cause: expand() makes every batch element a view of the same [N, F] storage, so writing into one memory changes all of them; repeat (or clone after expand) gives each its own copy.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.unsqueeze(0).expand(batch_size, -1, -1)
