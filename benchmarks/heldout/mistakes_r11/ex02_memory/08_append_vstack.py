"""
exercise: 2.3
learner: weak
cause: torch.vstack is taken for the [M; x̂] "stack below" notation, but it concatenates along axis 0, the batch, so the [B, N, F] memory and the [B, 1, F] row do not fit; concatenate along the slot axis, torch.cat([...], dim=1).
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N+1, F] with x̂ as the last row."""
    return torch.vstack([memory, projected_input.unsqueeze(1)])
