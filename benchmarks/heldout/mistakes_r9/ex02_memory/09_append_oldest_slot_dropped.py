"""
exercise: 2.3
learner: careful
cause: The first slot is dropped to keep N rows, like a sliding-window memory, but M̂ = [M; x̂] keeps all N slots and adds the input as row N+1 ([B, N+1, F]); the extra row is removed only after attention (lesson 4).
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat([memory[:, 1:], projected_input[:, None, :]], dim=1)
