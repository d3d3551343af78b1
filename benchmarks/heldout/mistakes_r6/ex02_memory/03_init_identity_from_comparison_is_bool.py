"""
exercise: 2.1
learner: careful
cause: The identity is built by comparing slot and unit indices, which gives a bool tensor, and .to(dtype=None) keeps it bool when no dtype is given; convert to a float dtype when dtype is None (torch.get_default_dtype()), or build it with torch.eye(mem_slots, mem_size, dtype=dtype).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    slots = torch.arange(mem_slots, device=device).unsqueeze(1)  # [N, 1]
    units = torch.arange(mem_size, device=device).unsqueeze(0)  # [1, F]
    identity = (slots == units).to(dtype=dtype, device=device)  # 1 where slot index == unit index
    return identity.unsqueeze(0).repeat(batch_size, 1, 1)
