"""
exercise: 2.4
learner: weak
cause: The rows are built as [x̂ | memory slot] instead of [memory slot | x̂]; concatenate the memory first and the tiled input second.
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    B, N, F = memory.shape
    tiled = projected_input[:, None, :].expand(B, N, F)
    return torch.cat([tiled, memory], dim=-1)
