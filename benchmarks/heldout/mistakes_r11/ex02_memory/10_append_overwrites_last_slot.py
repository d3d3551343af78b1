"""
exercise: 2.3
learner: careful
cause: "The input as the last row" is done by writing x̂ over the last memory slot, so that slot is lost and the result stays [B, N, F]; the input is one extra row after all N slots, [B, N+1, F].
downstream: no
wrong_function: append_input_row
"""

import torch


def append_input_row(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N+1, F] with x̂ as the last row."""
    rows = memory.clone()
    rows[:, -1] = projected_input
    return rows
