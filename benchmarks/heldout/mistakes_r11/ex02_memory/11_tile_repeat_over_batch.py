"""
exercise: 2.4
learner: weak
cause: repeat(N, 1) stacks N copies of the whole batch, [N·B, F], and view(B, N, F) then fills a batch element's rows with other batch elements' inputs; repeat per batch element along a new slot axis, projected_input[:, None, :].expand(-1, N, -1).
downstream: no
wrong_function: tile_input
"""

import torch


def tile_input(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N, 2F]: every row is [memory slot | x̂]."""
    B, N, F = memory.shape
    tiled = projected_input.repeat(N, 1).view(B, N, F)
    return torch.cat([memory, tiled], dim=-1)
