"""
exercise: 2.3
learner: careful
cause: The input is written over the last slot, so the result keeps N rows and that slot's memory is lost; the input is one more row, [M; x̂] of shape [B, N+1, F], so concatenate it after all N slots.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    rows = memory.clone()
    rows[:, -1] = projected_input
    return rows
