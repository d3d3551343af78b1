"""
exercise: 2.1
learner: weak
cause: repeat(batch_size, 1) on the 2-D identity tiles it along the rows, giving one [B·N, F] matrix instead of a batch of B memories; add the batch axis first (unsqueeze(0)) and repeat with three sizes, repeat(batch_size, 1, 1).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    identity = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return identity.repeat(batch_size, 1)
