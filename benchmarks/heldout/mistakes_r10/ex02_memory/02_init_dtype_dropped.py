"""
exercise: 2.1
learner: weak
cause: The memory is created with device but without dtype, so it is always float32 even when float64 is asked for; pass dtype=dtype to the tensor you create.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    memory = torch.zeros(batch_size, mem_slots, mem_size, device=device)
    for i in range(min(mem_slots, mem_size)):
        memory[:, i, i] = 1.0
    return memory
