"""
exercise: 2.1
learner: weak
cause: torch.eye takes the rows first, so torch.eye(mem_size, mem_slots) builds F rows of N units, a memory of [B, F, N]; the rows are the slots, torch.eye(mem_slots, mem_size).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_size, mem_slots, dtype=dtype, device=device)
    return eye.unsqueeze(0).repeat(batch_size, 1, 1)
