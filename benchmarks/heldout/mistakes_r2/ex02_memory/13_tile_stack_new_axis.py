"""
exercise: 2.4
learner: weak
cause: torch.stack puts slot and input on a new last axis ([B, N, F, 2]) instead of side by side along the features; use torch.cat(..., dim=-1) to get [B, N, 2F].
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    tiled = projected_input[:, None, :].expand_as(memory)
    return torch.stack([memory, tiled], dim=-1)
