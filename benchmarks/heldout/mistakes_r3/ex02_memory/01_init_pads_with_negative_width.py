"""
exercise: 2.1
learner: weak
cause: The identity is always padded with mem_size - mem_slots zero columns, which fails when there are more slots than units; cut the identity to its first mem_size columns in that case (torch.eye(mem_slots, mem_size) does both).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, dtype=dtype, device=device)
    padding = torch.zeros(mem_slots, mem_size - mem_slots, dtype=dtype, device=device)
    memory = torch.cat([eye, padding], dim=1)
    return torch.stack([memory.clone() for _ in range(batch_size)])
