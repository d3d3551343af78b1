"""
exercise: 2.1
learner: weak
cause: expand only makes a view, so all batch elements point to the same N×F storage and writing into one memory changes every other one; make real copies (repeat(batch_size, 1, 1), or .clone() after the expand).
downstream: no
wrong_function: initial_memory
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.expand(batch_size, mem_slots, mem_size)
