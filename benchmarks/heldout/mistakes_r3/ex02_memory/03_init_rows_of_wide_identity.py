"""
exercise: 2.1
learner: careful
cause: Taking the first mem_slots rows of eye(mem_size) is right only while mem_slots <= mem_size; with more slots than units it returns too few rows; build eye(mem_slots, mem_size) (or cut the columns of eye(mem_slots)).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_size, dtype=dtype, device=device)[:mem_slots]  # [N, F]: I_N padded with zeros
    return eye.unsqueeze(0).repeat(batch_size, 1, 1)
