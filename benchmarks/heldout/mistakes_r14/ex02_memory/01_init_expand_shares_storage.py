"""
exercise: 2.1
learner: weak
cause: expand only makes a view, so every batch element is the same [N, F] block in memory and writing into one memory changes all of them; copy it per batch element, e.g. .repeat(batch_size, 1, 1) (or .expand(...).clone()).
downstream: no
wrong_function: initial_memory
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.expand(batch_size, mem_slots, mem_size)
