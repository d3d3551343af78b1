"""
exercise: 2.4
learner: careful
cause: The halves are in the reverse order, [x̂ | memory slot]; each row is the slot's F units followed by x̂'s, torch.cat([memory, tiled], dim=-1).
downstream: no
wrong_function: tile_input
"""

import torch


def tile_input(memory, projected_input):
    B, N, F = memory.shape
    tiled = projected_input[:, None, :].expand(B, N, F)
    return torch.cat([tiled, memory], dim=-1)
