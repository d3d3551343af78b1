"""
exercise: 2.4
learner: weak
cause: projected_input.repeat(N, 1) stacks whole batches one after the other, so after the view the slots of one batch element get other elements' inputs (repeat_interleave or expand keeps them apart).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    B, N, F = memory.shape
    tiled = projected_input.repeat(N, 1).view(B, N, -1)  # [N*B, F] -> [B, N, F]
    return torch.cat([memory, tiled], dim=-1)
