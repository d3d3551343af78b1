"""
exercise: 2.4
learner: weak
cause: projected_input.repeat(N, 1) lays out the copies batch after batch, so the view to [B, N, F] gives slots the x̂ of other batch elements; add a slot axis and expand it (projected_input[:, None, :].expand(-1, N, -1)).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    B, N, F = memory.shape
    tiled = projected_input.repeat(N, 1).view(B, N, F)
    return torch.cat([memory, tiled], dim=-1)
