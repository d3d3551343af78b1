"""
exercise: 2.3
learner: weak
cause: torch.stack without dim stacks the rows on a new first axis, so the result is [N+1, B, F] with the slots in front of the batch; stack on dim=1 (or concatenate x̂[:, None] to the memory on dim=1).
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    rows = list(memory.unbind(1))
    rows.append(projected_input)
    return torch.stack(rows)
