"""
exercise: 2.3
learner: careful
cause: The input is expanded to N rows before the concatenation, so the memory gets N copies of x̂ ([B, 2N, F]); the paper appends exactly one input row, projected_input[:, None, :].
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    input_rows = projected_input.unsqueeze(1).expand_as(memory)
    return torch.cat([memory, input_rows], dim=1)
