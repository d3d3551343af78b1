"""
exercise: 2.4
learner: careful
cause: projected_input.repeat(N, 1).view(B, N, F) stacks whole batches one after another, so each batch element's rows get other elements' inputs; tile along a new slot axis, projected_input[:, None, :].expand(B, N, F) (or repeat_interleave).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    B, N, F = memory.shape
    tiled = projected_input.repeat(N, 1).view(B, N, F)
    return torch.cat([memory, tiled], dim=-1)
