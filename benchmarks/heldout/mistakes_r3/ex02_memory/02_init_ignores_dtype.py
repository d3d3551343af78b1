"""
exercise: 2.1
learner: weak
cause: The dtype and device arguments are accepted but never passed on, so the memory is always float32 on the CPU; pass dtype=dtype, device=device to the tensor you create.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    memory = torch.zeros(batch_size, mem_slots, mem_size)
    for b in range(batch_size):
        for i in range(min(mem_slots, mem_size)):
            memory[b, i, i] = 1.0
    return memory
