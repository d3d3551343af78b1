"""
exercise: 2.1
learner: careful
cause: Taking the first N rows of eye(F) drops the extra slots when N > F (the memory gets only F rows) instead of keeping them as zero rows; build eye(N) cut or padded to F columns, e.g. torch.eye(mem_slots, mem_size).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    rows = torch.eye(mem_size, dtype=dtype, device=device)[:mem_slots]  # [N, F]
    return rows.repeat(batch_size, 1, 1)
