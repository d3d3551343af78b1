"""
exercise: 2.1
learner: careful
cause: With more slots than units (N > F) the identity is repeated down the rows so that no slot starts at zero, but the memory is eye(N) cut to its first F columns: slots F..N-1 start as zero rows; use torch.eye(N, F) for every case.
downstream: no
wrong_function: initial_memory
"""

import math

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    if mem_slots <= mem_size:
        eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    else:
        block = torch.eye(mem_size, dtype=dtype, device=device)
        eye = block.repeat(math.ceil(mem_slots / mem_size), 1)[:mem_slots]
    return eye.repeat(batch_size, 1, 1)
