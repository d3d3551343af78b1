"""
exercise: 2.3
learner: careful
cause: All memory rows of the batch are put in one [B*N, F] list with the B inputs after them and then cut into B blocks of N+1, so the rows of different batch elements get mixed (only B = 1 works); keep the batch axis and concatenate per element, torch.cat([memory, x̂[:, None]], dim=1).
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    B, N, F = memory.shape
    rows = torch.cat([memory.reshape(B * N, F), projected_input], dim=0)  # [B*N + B, F]
    return rows.reshape(B, N + 1, F)
