"""
exercise: 2.4
learner: weak
cause: repeat(N, 1) stacks the whole batch N times ([x̂_0, x̂_1, x̂_0, ...]), and the view cuts that list into rows, so a slot gets the input of another batch element; repeat along a new slot axis, projected_input[:, None, :].expand(-1, N, -1) (or repeat(1, N).view(B, N, F)).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    batch, slots, width = memory.shape
    tiled = projected_input.repeat(slots, 1).view(batch, slots, width)
    return torch.cat([memory, tiled], dim=-1)
