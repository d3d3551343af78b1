"""
exercise: 2.3
learner: weak
cause: The input row is put in front of the slots; it must be the last row, so concatenate [memory, x̂] in that order.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat([projected_input.unsqueeze(1), memory], dim=1)
