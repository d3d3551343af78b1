"""
exercise: 2.4
learner: careful
cause: repeat(N, 1) copies the whole batch N times (x̂_0, x̂_1, x̂_0, ...), so after view(B, N, F) a memory gets other batch elements' inputs; put each element's copies together, projected_input[:, None, :].expand(-1, N, -1) (or repeat_interleave(N, dim=0)).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    batch, slots, width = memory.shape
    tiled = projected_input.repeat(slots, 1).view(batch, slots, width)  # x̂ for every slot
    return torch.cat([memory, tiled], dim=-1)
