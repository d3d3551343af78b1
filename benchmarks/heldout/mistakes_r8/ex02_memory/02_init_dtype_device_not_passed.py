"""
exercise: 2.1
learner: weak
cause: dtype and device are accepted but never passed to torch.eye, so the memory is always float32 on the CPU; pass dtype=dtype, device=device when creating it.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size)
    return eye.unsqueeze(0).repeat(batch_size, 1, 1)
