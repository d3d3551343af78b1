"""
exercise: 2.1
learner: careful
cause: When N > F the extra slots are given a 1 again from column 0 (slot i at column i % F); the identity is simply cut to its first F columns, so slots F..N-1 start as all zeros (eye(N, F)).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    columns = torch.arange(mem_slots, device=device) % mem_size
    one_hot = torch.nn.functional.one_hot(columns, num_classes=mem_size)  # [N, F]
    one_hot = one_hot.to(dtype=dtype or torch.get_default_dtype())
    return one_hot.unsqueeze(0).repeat(batch_size, 1, 1)
