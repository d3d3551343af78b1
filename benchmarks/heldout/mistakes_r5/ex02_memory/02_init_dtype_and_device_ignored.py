"""
exercise: 2.1
learner: weak
cause: dtype and device are accepted but never passed on, so the memory is always float32 on the CPU (float32 when float64 is asked); give torch.eye dtype=dtype, device=device.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size)
    return eye.unsqueeze(0).repeat(batch_size, 1, 1)
