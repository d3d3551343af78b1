"""
exercise: 2.3
learner: weak
cause: The notation [M; x̂] is read as torch.vstack, which stacks along the first axis (the batch) and needs tensors of the same number of axes, so it fails on [B, N, F] and [B, F]; give x̂ a row axis and concatenate along the slots, torch.cat([memory, projected_input.unsqueeze(1)], dim=1).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.vstack([memory, projected_input])
