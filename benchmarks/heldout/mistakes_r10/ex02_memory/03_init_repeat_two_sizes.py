"""
exercise: 2.1
learner: weak
cause: repeat(batch_size, 1) on the 2-D identity stacks the copies along the rows, giving [B·N, F] with no batch axis; add the batch axis first, eye.unsqueeze(0).repeat(batch_size, 1, 1) -> [B, N, F].
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.repeat(batch_size, 1)
