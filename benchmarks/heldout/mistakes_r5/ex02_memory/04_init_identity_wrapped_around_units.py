"""
exercise: 2.1
learner: careful
cause: With more slots than units the ones are wrapped around (slot i gets its one at column i mod F) so that no slot starts at zero, but the memory is eye(N) cut to its first F columns, and the slots past F start as zeros; drop the wrap-around.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    memory = torch.zeros(batch_size, mem_slots, mem_size, dtype=dtype, device=device)
    slots = torch.arange(mem_slots, device=device)
    memory[:, slots, slots % mem_size] = 1  # keep every slot different, even past F
    return memory
