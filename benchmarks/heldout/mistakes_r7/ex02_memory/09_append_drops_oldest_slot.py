"""
exercise: 2.3
learner: careful
cause: The memory is treated like a queue of N slots, so the first slot is dropped to make room for the input and the result stays [B, N, F]; the paper's M̂ = [M; x̂] keeps every slot and adds the input as row N+1 (the extra row is dropped only after attention, in lesson 4).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    rows = torch.cat([memory, projected_input[:, None, :]], dim=1)
    return rows[:, 1:]
