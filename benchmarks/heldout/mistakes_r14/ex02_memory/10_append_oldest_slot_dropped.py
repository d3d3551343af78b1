"""
exercise: 2.3
learner: careful
cause: The memory is treated as a queue of fixed size: x̂ is pushed in and the first slot dropped, giving [B, N, F]; M̂ = [M; x̂] keeps all N slots and adds the input as an extra row, [B, N+1, F] (the extra row is dropped after attention, in lesson 4).
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N+1, F] with x̂ as the last row."""
    newest = projected_input.unsqueeze(1)  # [B, 1, F]
    return torch.cat([memory[:, 1:], newest], dim=1)
