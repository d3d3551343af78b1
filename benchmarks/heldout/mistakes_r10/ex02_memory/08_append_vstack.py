"""
exercise: 2.3
learner: weak
cause: torch.vstack adds rows to a matrix along axis 0, which for a batch [B, N, F] is the batch axis, and x̂ [B, F] has a different number of dimensions, so it fails; concatenate along the slot axis, torch.cat([memory, projected_input.unsqueeze(1)], dim=1).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.vstack([memory, projected_input])
