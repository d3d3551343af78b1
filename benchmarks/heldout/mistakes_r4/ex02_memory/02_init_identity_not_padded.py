"""
exercise: 2.1
learner: weak
cause: The identity is cut to F columns but never padded, so with F > N the memory is [B, N, N]; add mem_size - mem_slots zero columns (or build torch.eye(N, F)).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    identity = torch.diag(torch.ones(mem_slots, dtype=dtype, device=device))[:, :mem_size]
    return identity.repeat(batch_size, 1, 1)
