"""
exercise: 2.1
learner: careful
cause: The copies are laid out slot-major, [N, B, F], like an LSTM's h_0 [layers, batch, hidden]; the memory is batch-first, [B, N, F]: put the batch axis in front (eye.unsqueeze(0).repeat(batch_size, 1, 1)).
downstream: no
wrong_function: initial_memory
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.unsqueeze(1).repeat(1, batch_size, 1)
