"""
exercise: 2.4
learner: weak
cause: torch.cat does not broadcast, so the [B, 1, F] input cannot be joined to the [B, N, F] memory along the features; expand it to every slot first, projected_input[:, None, :].expand(-1, N, -1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    return torch.cat([memory, projected_input[:, None, :]], dim=-1)
