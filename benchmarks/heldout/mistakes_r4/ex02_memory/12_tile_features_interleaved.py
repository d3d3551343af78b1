"""
exercise: 2.4
learner: careful
cause: Stacking on a new last axis and flattening interleaves the units (m_0, x_0, m_1, x_1, ...); each row must be the slot's F units followed by x̂'s F units, torch.cat([memory, tiled], dim=-1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    tiled = projected_input.unsqueeze(1).expand_as(memory)
    return torch.stack([memory, tiled], dim=-1).flatten(2)
