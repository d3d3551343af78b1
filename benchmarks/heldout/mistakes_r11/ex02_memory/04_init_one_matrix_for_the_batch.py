"""
exercise: 2.1
learner: careful
cause: "Every sequence starts from the same matrix" is read as one matrix for the whole batch, so a single [1, N, F] memory is returned and left to broadcast; return batch_size copies, [B, N, F].
downstream: no
wrong_function: initial_memory
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    memory = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return memory[None]
