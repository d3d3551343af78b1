"""
exercise: 2.3
learner: weak
cause: torch.vstack stacks along the first axis, the batch, and needs tensors of the same rank, so [B, N, F] and [B, F] do not go together; give x̂ a row axis and concatenate on the slot axis, torch.cat([memory, projected_input[:, None, :]], dim=1).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.vstack([memory, projected_input])
