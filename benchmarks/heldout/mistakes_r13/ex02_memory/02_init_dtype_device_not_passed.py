"""
exercise: 2.1
learner: weak
cause: The dtype and device arguments are accepted but never passed on, so the memory is always float32 on the CPU (a float64 request gets float32); give them to torch.eye(..., dtype=dtype, device=device).
downstream: no
wrong_function: initial_memory
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    memory = torch.eye(mem_slots, mem_size)
    memory = memory.unsqueeze(0).repeat(batch_size, 1, 1)
    return memory
