"""
exercise: 1.4
learner: weak
cause: In 1.3 the heads are taken out correctly (attended[:, h]) but concatenated with dim=1, which for each [B, N, d_v] piece is the rows axis, giving [B, H * N, d_v]; the heads go side by side along the features, torch.cat(..., dim=-1).
downstream: yes (1.3 merge_heads)
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    heads = [attended[:, h] for h in range(attended.shape[1])]
    return torch.cat(heads, dim=1)
