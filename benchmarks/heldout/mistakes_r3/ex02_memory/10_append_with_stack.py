"""
exercise: 2.3
learner: weak
cause: torch.stack needs tensors of the same shape and adds a new axis; the input must become one more row, so give it a row axis (projected_input[:, None, :]) and use torch.cat along dim=1.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.stack([memory, projected_input], dim=1)
