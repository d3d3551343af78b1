"""
exercise: 2.3
learner: careful
cause: The input overwrites the last memory slot, so the result keeps N rows and one slot is lost; the input is one MORE row, [M; x̂] of N+1 rows: concatenate it to the whole memory.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat([memory[:, :-1], projected_input[:, None, :]], dim=1)
