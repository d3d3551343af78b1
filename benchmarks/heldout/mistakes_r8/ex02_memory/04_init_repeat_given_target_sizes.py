"""
exercise: 2.1
learner: weak
cause: repeat takes how many times to copy along each axis, not the target shape as expand does, so repeat(batch_size, mem_slots, mem_size) gives [B, N*N, F*F]; repeat only the batch axis, repeat(batch_size, 1, 1).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.unsqueeze(0).repeat(batch_size, mem_slots, mem_size)
