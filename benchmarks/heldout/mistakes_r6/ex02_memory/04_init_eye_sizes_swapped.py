"""
exercise: 2.1
learner: weak
cause: torch.eye takes (rows, columns), and the sizes are given as (mem_size, mem_slots), so each memory is [F, N], F slots of N units; build torch.eye(mem_slots, mem_size) for N rows of F units.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    identity = torch.eye(mem_size, mem_slots, dtype=dtype, device=device)
    return identity.unsqueeze(0).repeat(batch_size, 1, 1)
