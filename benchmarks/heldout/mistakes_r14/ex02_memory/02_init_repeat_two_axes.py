"""
exercise: 2.1
learner: weak
cause: eye(N, F).repeat(batch_size, 1) stacks the copies on top of each other, giving a 2-D [B·N, F] tensor with no batch axis; add the batch axis first, eye.unsqueeze(0).repeat(batch_size, 1, 1) -> [B, N, F].
downstream: no
wrong_function: initial_memory
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    memory = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    # one copy for each batch element
    memory = memory.repeat(batch_size, 1)
    return memory
