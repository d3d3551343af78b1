"""
exercise: 2.4
learner: careful
cause: The input row of the paper's mode is kept and then x̂ is tiled onto it as well, giving [B, N+1, 2F]; the seed's picture has no input row: only the N memory slots, each followed by x̂, [B, N, 2F].
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    rows = torch.cat([memory, projected_input[:, None, :]], dim=1)
    tiled = projected_input[:, None, :].expand(-1, rows.shape[1], -1)
    return torch.cat([rows, tiled], dim=-1)
