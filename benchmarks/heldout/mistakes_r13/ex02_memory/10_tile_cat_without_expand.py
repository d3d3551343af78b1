"""
exercise: 2.4
learner: weak
cause: torch.cat does not broadcast: x̂[:, None] has one row and the memory has N, so the concatenation on the feature axis fails; expand x̂ to every slot first, x̂[:, None, :].expand(-1, N, -1).
downstream: no
wrong_function: tile_input
"""

import torch


def tile_input(memory, projected_input):
    x_hat = projected_input.unsqueeze(1)  # [B, 1, F]
    return torch.cat([memory, x_hat], dim=-1)
