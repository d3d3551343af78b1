"""
exercise: 2.3
learner: careful
cause: The first slot is dropped to keep N rows, as in a sliding-window memory, but [M; x̂] keeps all N slots and adds the input as row N+1 ([B, N+1, F]); the extra row is only dropped after attention, in lesson 4.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N+1, F] with x̂ as the last row."""
    new_row = projected_input.unsqueeze(1)  # [B, 1, F]
    return torch.cat([memory[:, 1:], new_row], dim=1)
