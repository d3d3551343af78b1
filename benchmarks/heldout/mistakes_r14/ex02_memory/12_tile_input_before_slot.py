"""
exercise: 2.4
learner: careful
cause: Each row is built as [x̂ | memory slot], the input first as in the usual RNN cat((input, hidden)), but the rows are [memory slot | x̂]: the slot's F units come first; torch.cat([memory, tiled], dim=-1).
downstream: no
wrong_function: tile_input
"""

import torch


def tile_input(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N, 2F]: every row is [memory slot | x̂]."""
    num_slots = memory.shape[1]
    tiled = projected_input.unsqueeze(1).expand(-1, num_slots, -1)  # [B, N, F]
    return torch.cat((tiled, memory), dim=-1)
