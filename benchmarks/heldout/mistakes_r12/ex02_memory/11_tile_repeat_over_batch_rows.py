"""
exercise: 2.4
learner: weak
cause: repeat(N, 1) stacks N copies of the whole batch ([N·B, F]) and view then cuts that into B groups, so the rows of a batch element hold other elements' inputs; add the slot axis first, projected_input.unsqueeze(1).expand(-1, N, -1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N, 2F]: every row is [memory slot | x̂]."""
    B, N, F = memory.shape
    tiled = projected_input.repeat(N, 1).view(B, N, F)
    return torch.cat([memory, tiled], dim=2)
