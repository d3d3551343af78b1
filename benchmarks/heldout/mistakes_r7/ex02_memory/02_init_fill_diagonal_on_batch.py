"""
exercise: 2.1
learner: weak
cause: fill_diagonal_ works on one matrix (or a tensor whose axes all have the same length), so calling it on the whole [B, N, F] batch raises; build the [N, F] identity with torch.eye(N, F) (or fill each batch element's matrix) and copy it per batch element.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    memory = torch.zeros(batch_size, mem_slots, mem_size, dtype=dtype, device=device)
    memory.fill_diagonal_(1.0)
    return memory
