"""
exercise: 2.1
learner: careful
cause: The memory is created with requires_grad=True as if it were a learned parameter, but the starting memory is a constant; create it without requires_grad.
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    identity = torch.eye(mem_slots, mem_size, dtype=dtype, device=device, requires_grad=True)
    return identity.unsqueeze(0).repeat(batch_size, 1, 1)
