"""
exercise: 2.1
learner: careful
cause: Each slot is taken as a row of the F x F identity, eye(F)[:N], which is right only while N <= F; with more slots than units there are only F rows, so the memory has F slots instead of N. Build the N x F matrix, torch.eye(N, F), so the extra slots are zero rows.
downstream: no
wrong_function: initial_memory
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    # slot i starts as the unit vector e_i of the slot width
    units = torch.eye(mem_size, dtype=dtype, device=device)
    slots = units[:mem_slots]
    return slots.unsqueeze(0).repeat(batch_size, 1, 1)
