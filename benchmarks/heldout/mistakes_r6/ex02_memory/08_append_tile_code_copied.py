"""
exercise: 2.3
learner: weak
cause: This is the seed's tiling (the input expanded to every slot and joined along the features, [B, N, 2F]), not the paper's extra row; add x̂ once as a new last row, torch.cat([memory, projected_input.unsqueeze(1)], dim=1) -> [B, N+1, F].
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    B, N, F = memory.shape
    return torch.cat([memory, projected_input[:, None, :].expand(B, N, F)], dim=-1)
