"""
exercise: 2.3
learner: weak
cause: the input row is put before the memory, as row 0, instead of as the last row.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat([projected_input.unsqueeze(1), memory], dim=1)
