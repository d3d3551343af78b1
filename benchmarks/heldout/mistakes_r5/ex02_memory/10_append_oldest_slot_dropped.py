"""
exercise: 2.3
learner: careful
cause: The input is pushed in like a queue, dropping the first slot to keep N rows, but M̂ = [M; x̂] keeps all N slots and has N+1 rows (the input row is dropped only after attention, in lesson 4); concatenate without cutting, torch.cat([memory, projected_input[:, None, :]], dim=1).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    # the memory keeps N slots: the oldest one makes room for the input
    return torch.cat([memory[:, 1:], projected_input[:, None, :]], dim=1)
