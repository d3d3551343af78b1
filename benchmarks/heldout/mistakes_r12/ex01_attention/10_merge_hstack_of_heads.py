"""
exercise: 1.3
learner: weak
cause: torch.hstack joins along axis 1, which for the heads' [B, N, d_v] outputs is the row axis, so the heads are stacked under each other ([B, H * N, d_v]); join them along the last axis (torch.cat(..., dim=-1)) so they sit side by side in every row.
downstream: no
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    heads = [attended[:, h] for h in range(attended.shape[1])]
    return torch.hstack(heads)
