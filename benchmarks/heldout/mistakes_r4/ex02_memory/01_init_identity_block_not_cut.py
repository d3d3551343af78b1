"""
exercise: 2.1
learner: weak
cause: The N×N identity is written into the first N columns, which fails when there are more slots than units (N > F); cut it to F columns first (eye(N)[:, :F]) or build torch.eye(N, F) directly.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    memory = torch.zeros(batch_size, mem_slots, mem_size, dtype=dtype, device=device)
    memory[:, :, :mem_slots] = torch.eye(mem_slots, dtype=dtype, device=device)
    return memory
