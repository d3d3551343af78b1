"""
exercise: 2.4
learner: weak
cause: repeat(N, 1) stacks the whole batch N times (x̂_0, x̂_1, x̂_0, x̂_1, ...), so after the view a memory's slots get the inputs of other batch elements; each input must be repeated in place, repeat_interleave(N, dim=0), or unsqueeze(1).expand(-1, N, -1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    B, N, F = memory.shape
    tiled = projected_input.repeat(N, 1).view(B, N, F)
    return torch.cat([memory, tiled], dim=-1)
