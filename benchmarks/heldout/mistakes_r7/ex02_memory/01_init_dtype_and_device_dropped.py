"""
exercise: 2.1
learner: weak
cause: The identity is built with torch.eye's defaults, so the dtype and device passed in are ignored (float32 on the CPU even when float64 is asked for); pass dtype=dtype, device=device when you create it.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    identity = torch.eye(mem_slots, mem_size)
    return identity.repeat(batch_size, 1, 1)
