"""
exercise: 2.4
learner: weak
cause: repeat(N, 1) stacks the whole batch N times ([x_0, x_1, x_0, x_1, ...]), so after view(B, N, F) the slots of one batch element get other elements' inputs; repeat each input per slot, projected_input[:, None, :].expand(-1, N, -1) (or repeat_interleave(N, dim=0)).
downstream: no
wrong_function: tile_input
"""

import torch


def tile_input(memory, projected_input):
    batch, slots, width = memory.shape
    tiled = projected_input.repeat(slots, 1).view(batch, slots, width)
    return torch.cat([memory, tiled], dim=-1)
