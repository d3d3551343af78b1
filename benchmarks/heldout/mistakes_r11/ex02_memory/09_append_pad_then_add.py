"""
exercise: 2.3
learner: weak
cause: After padding a zero row, x̂ [B, 1, F] is added with broadcasting, which adds it to every row, not only the new one, so all slots are changed; put x̂ in as its own row, torch.cat([memory, projected_input[:, None, :]], dim=1).
downstream: no
wrong_function: append_input_row
"""

import torch
import torch.nn.functional as F


def append_input_row(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N+1, F] with x̂ as the last row."""
    padded = F.pad(memory, (0, 0, 0, 1))  # one more row of zeros at the end
    return padded + projected_input.unsqueeze(1)
