"""
exercise: 2.3
learner: weak
cause: After adding an empty row the input is written at index N - 1, which is the last memory slot, so slot N-1 is overwritten and the new row stays zero; the input row is index N (or -1).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    n = memory.shape[1]
    rows = torch.cat([memory, torch.zeros_like(memory[:, :1])], dim=1)  # room for one more row
    rows[:, n - 1] = projected_input  # the last row
    return rows
