"""
exercise: 2.3
learner: weak
cause: unsqueeze(0) adds the new axis in front, [1, B, F], so the input does not line up with the batch and the cat fails; add the row axis after the batch, unsqueeze(1) -> [B, 1, F].
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat([memory, projected_input.unsqueeze(0)], dim=1)
