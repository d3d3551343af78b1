"""
exercise: 2.1
learner: careful
cause: F.pad's pair is (left, right) for the last axis, so (F - N, 0) puts the zero columns before the identity instead of after it.
downstream: no
"""

import torch
import torch.nn.functional as F


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, dtype=dtype, device=device)  # [N, N]
    eye = F.pad(eye, (mem_size - mem_slots, 0))  # pad (or, if negative, cut) the columns up to F
    return eye.unsqueeze(0).repeat(batch_size, 1, 1)
