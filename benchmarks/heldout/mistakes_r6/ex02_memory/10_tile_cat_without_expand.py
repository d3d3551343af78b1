"""
exercise: 2.4
learner: weak
cause: torch.cat does not broadcast: x̂ with its slot axis is [B, 1, F] and cannot be joined to [B, N, F] along the features; expand it to every slot first, projected_input.unsqueeze(1).expand(-1, N, -1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    return torch.cat([memory, projected_input.unsqueeze(1)], dim=-1)
