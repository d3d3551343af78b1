"""
exercise: 2.4
learner: careful
cause: the concatenation order is [x̂ | memory slot] instead of [memory slot | x̂].
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    B, N, F = memory.shape
    tiled = projected_input[:, None, :].expand(B, N, projected_input.shape[-1])
    return torch.cat([tiled, memory], dim=-1)
