"""
exercise: 2.4
learner: weak
cause: repeat(N, 1) copies the whole batch N times along axis 0 ([x_0, x_1, x_0, x_1, ...]), so after the view a slot gets another batch element's input; repeat per batch element along a new slot axis, projected_input[:, None, :].expand(-1, N, -1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    B, N, F = memory.shape
    tiled = projected_input.repeat(N, 1).view(B, N, F)
    return torch.cat([memory, tiled], dim=-1)
