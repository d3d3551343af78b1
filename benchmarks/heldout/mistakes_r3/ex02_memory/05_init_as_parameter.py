"""
exercise: 2.1
learner: careful
cause: The memory is wrapped in nn.Parameter, so it requires a gradient as if it were learned, but the initial memory is a fixed constant; return a plain tensor.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return torch.nn.Parameter(eye.unsqueeze(0).repeat(batch_size, 1, 1))
