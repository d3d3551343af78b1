"""
exercise: 2.4
learner: careful
cause: The input is first appended as a row and then tiled onto all N+1 rows, mixing the paper's picture with the seed's, giving [B, N+1, 2F]; tiling replaces the extra row, so tile x̂ onto the N memory slots only, [B, N, 2F].
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    rows = torch.cat([memory, projected_input[:, None, :]], dim=1)
    tiled = projected_input[:, None, :].expand(-1, rows.shape[1], -1)
    return torch.cat([rows, tiled], dim=-1)
