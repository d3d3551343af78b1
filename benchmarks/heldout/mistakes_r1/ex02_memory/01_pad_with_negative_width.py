"""
exercise: 2.1
learner: weak
cause: the identity is padded with F - N zero columns, a negative width when there are more slots than units (N > F), where it must be cut to F columns instead.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, dtype=dtype, device=device)  # [N, N]
    padding = torch.zeros(mem_slots, mem_size - mem_slots, dtype=dtype, device=device)  # [N, F-N]
    memory = torch.cat([eye, padding], dim=1)  # [N, F]
    return memory.unsqueeze(0).repeat(batch_size, 1, 1)
