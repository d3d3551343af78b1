"""
exercise: 2.1
learner: careful
cause: the `dtype` argument is never passed to torch.eye, so a float64 memory comes back as float32.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, device=device)
    return eye.unsqueeze(0).repeat(batch_size, 1, 1)
