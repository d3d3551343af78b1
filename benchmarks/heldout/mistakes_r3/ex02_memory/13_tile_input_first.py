"""
exercise: 2.4
learner: careful
cause: Each row is [x̂ | memory slot] instead of [memory slot | x̂]; put the memory first in the concatenation.
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    tiled = projected_input.unsqueeze(1).expand_as(memory)
    return torch.cat([tiled, memory], dim=2)
