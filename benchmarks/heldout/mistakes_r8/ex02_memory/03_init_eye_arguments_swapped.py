"""
exercise: 2.1
learner: weak
cause: torch.eye takes (rows, columns), and here the sizes are given as (mem_size, mem_slots), so the memory is [B, F, N]: F slots of N units; the slots are the rows, torch.eye(mem_slots, mem_size).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_size, mem_slots, dtype=dtype, device=device)
    return eye.unsqueeze(0).repeat(batch_size, 1, 1)
