"""
exercise: 2.4
learner: weak
cause: The tensors are concatenated in the wrong order, so every row is [x̂ | memory slot]; the slot's F units come first, then x̂: torch.cat([memory, tiled], dim=-1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    tiled = projected_input[:, None, :].expand(-1, memory.shape[1], -1)
    return torch.cat([tiled, memory], dim=-1)
