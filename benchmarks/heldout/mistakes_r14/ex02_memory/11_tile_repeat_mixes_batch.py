"""
exercise: 2.4
learner: weak
cause: repeat(N, 1) copies x̂ along the batch axis ([N·B, F] ordered x_0, x_1, x_0, ...), so the reshape to [B, N, F] gives a batch element the inputs of other batch elements; add the slot axis and copy along it, projected_input[:, None, :].expand(-1, N, -1).
downstream: no
wrong_function: tile_input
"""

import torch


def tile_input(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N, 2F]: every row is [memory slot | x̂]."""
    B, N, F = memory.shape
    tiled = projected_input.repeat(N, 1).reshape(B, N, F)
    return torch.cat([memory, tiled], dim=2)
