"""
exercise: 2.1
learner: careful
cause: The first N rows of eye(F) are right only while N <= F; with more slots than units eye(F) has only F rows, so the memory gets F slots instead of N; the identity is eye(N) cut or padded to F columns, torch.eye(mem_slots, mem_size).
downstream: no
wrong_function: initial_memory
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    identity = torch.eye(mem_size, dtype=dtype, device=device)  # [F, F]
    slots = identity[:mem_slots]  # one unit vector per slot
    return torch.stack([slots.clone() for _ in range(batch_size)])
