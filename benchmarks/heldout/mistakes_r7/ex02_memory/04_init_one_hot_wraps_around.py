"""
exercise: 2.1
learner: careful
cause: With more slots than units the one-hot column wraps around (slot i gets a 1 in column i mod F), so the extra slots repeat the first ones; the identity is simply cut to its first F columns, so slots N >= F start as zero rows (torch.eye(N, F)).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    memory = torch.zeros(batch_size, mem_slots, mem_size, dtype=dtype, device=device)
    for slot in range(mem_slots):
        memory[:, slot, slot % mem_size] = 1.0
    return memory
