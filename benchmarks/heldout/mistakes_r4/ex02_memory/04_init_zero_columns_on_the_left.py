"""
exercise: 2.1
learner: weak
cause: F.pad takes (left, right), so (mem_size - mem_slots, 0) puts the zero columns on the left and the identity in the last N columns (and cuts the wrong columns when N > F); pad on the right, (0, mem_size - mem_slots).
downstream: no
"""

import torch
import torch.nn.functional as F


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    identity = torch.eye(mem_slots, dtype=dtype, device=device)
    identity = F.pad(identity, (mem_size - mem_slots, 0))
    return identity.repeat(batch_size, 1, 1)
