"""
exercise: 2.3
learner: weak
cause: torch.vstack stacks along the first axis, the batch, not the rows of each memory, so [B, N, F] and [B, 1, F] do not fit; concatenate along the slot axis, torch.cat([memory, projected_input[:, None, :]], dim=1).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.vstack([memory, projected_input[:, None, :]])  # one more row
