"""
exercise: 2.4
learner: careful
cause: The tiling is built on [M; x̂] from 2.3, so the input is both an extra row and tiled, [B, N+1, 2F]; the seed's picture has no input row: tile x̂ onto the N memory slots only, giving [B, N, 2F].
downstream: no
"""
# ruff: noqa: F821

import torch


def tile_input(memory, projected_input):
    rows = append_input_row(memory, projected_input)  # [B, N+1, F]
    tiled = projected_input.unsqueeze(1).expand(-1, rows.shape[1], -1)
    return torch.cat([rows, tiled], dim=-1)
