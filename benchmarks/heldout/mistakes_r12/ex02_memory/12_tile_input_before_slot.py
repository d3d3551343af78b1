"""
exercise: 2.4
learner: careful
cause: The input is put first in each row, [x̂ | slot], as in an LSTM's [x_t, h_{t-1}]; the rows here are [memory slot | x̂], so concatenate memory first: torch.cat([memory, tiled], dim=-1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N, 2F]: every row is [memory slot | x̂]."""
    tiled = projected_input.unsqueeze(1).expand_as(memory)
    return torch.cat([tiled, memory], dim=-1)
