"""
exercise: 2.1
learner: weak
cause: torch.eye takes (rows, columns), so eye(mem_size, mem_slots) gives F rows of N units, a [B, F, N] memory; the slots are the rows: torch.eye(mem_slots, mem_size).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    eye = torch.eye(mem_size, mem_slots, dtype=dtype, device=device)
    return torch.stack([eye.clone() for _ in range(batch_size)])
