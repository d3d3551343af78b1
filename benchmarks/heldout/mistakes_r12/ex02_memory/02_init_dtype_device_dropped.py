"""
exercise: 2.1
learner: weak
cause: The keyword arguments dtype and device are accepted but never used, so the memory is always float32 on the default device; pass dtype=dtype, device=device to torch.eye.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    memory = torch.eye(mem_slots, mem_size)
    memory = memory.repeat(batch_size, 1, 1)
    return memory
