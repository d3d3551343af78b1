"""
exercise: 2.3
learner: careful
cause: The first slot is dropped to make room for the input, as in a FIFO memory of fixed length, so the result keeps N rows and loses a slot; the paper keeps all N slots and adds x̂ as row N+1, [B, N+1, F].
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    new_row = projected_input.unsqueeze(1)  # [B, 1, F]
    return torch.cat([memory[:, 1:], new_row], dim=1)
