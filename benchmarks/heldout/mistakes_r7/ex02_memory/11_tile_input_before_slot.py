"""
exercise: 2.4
learner: weak
cause: The two parts are concatenated in the wrong order, [x̂ | memory slot]; each row must be the slot's F units first and x̂'s F units after them, torch.cat([memory, tiled], dim=-1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    tiled = projected_input.unsqueeze(1).expand_as(memory)
    return torch.cat([tiled, memory], dim=-1)
