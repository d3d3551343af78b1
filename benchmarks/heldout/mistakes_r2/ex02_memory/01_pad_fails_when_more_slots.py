"""
exercise: 2.1
learner: weak
cause: The identity is padded with mem_size - mem_slots zero columns, which is negative and raises when there are more slots than units (N > F); cut the identity to F columns in that case, e.g. torch.eye(mem_slots, mem_size).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, dtype=dtype, device=device)
    padding = torch.zeros(mem_slots, mem_size - mem_slots, dtype=dtype, device=device)
    one = torch.cat([eye, padding], dim=1)  # [N, F]
    return one.repeat(batch_size, 1, 1)
