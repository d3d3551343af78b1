"""
exercise: 2.3
learner: weak
cause: The input is concatenated before the memory, so it becomes the first row instead of the last; put memory first: torch.cat([memory, x̂[:, None, :]], dim=1).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat([projected_input[:, None, :], memory], dim=1)
