"""
exercise: 2.3
learner: weak
cause: torch.cat without dim joins on axis 0, the batch, where the shapes [B, N, F] and [B, 1, F] do not fit; the new row goes on the slot axis, torch.cat([...], dim=1).
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N+1, F] with x̂ as the last row."""
    row = projected_input.unsqueeze(1)  # [B, 1, F]
    return torch.cat([memory, row])
