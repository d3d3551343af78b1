"""
exercise: 2.3
learner: weak
cause: The result is preallocated with torch.zeros in the default dtype, so a float64 memory is silently cast to float32 when it is copied in; build the result from the inputs themselves with torch.cat (or give zeros memory.dtype and memory.device).
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    batch, slots, width = memory.shape
    rows = torch.zeros(batch, slots + 1, width)
    rows[:, :slots] = memory
    rows[:, slots] = projected_input
    return rows
