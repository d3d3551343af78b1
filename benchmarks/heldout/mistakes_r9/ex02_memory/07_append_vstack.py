"""
exercise: 2.3
learner: weak
cause: torch.vstack stacks along the first axis, which for [B, N, F] tensors is the batch axis, not the rows of each memory; concatenate on the slot axis, torch.cat([memory, projected_input[:, None, :]], dim=1).
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    return torch.vstack([memory, projected_input.unsqueeze(1)])
