"""
exercise: 2.4
learner: weak
cause: torch.cat does not broadcast: the [B, 1, F] input must have the N slots of the memory on every axis but the last; expand it to [B, N, F] first, projected_input[:, None, :].expand(-1, N, -1).
downstream: no
wrong_function: tile_input
"""

import torch


def tile_input(memory, projected_input):
    return torch.cat([memory, projected_input.unsqueeze(1)], dim=-1)
