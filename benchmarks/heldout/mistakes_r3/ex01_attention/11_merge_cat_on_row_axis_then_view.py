"""
exercise: 1.3
learner: weak
cause: The heads are concatenated along the row axis (dim=1) and the [B, H*N, d_v] result is viewed as [B, N, H*d_v], which mixes rows; concatenate the heads along the feature axis (dim=-1) instead.
downstream: no
"""

import torch


def merge_heads(attended):
    B, H, N, dv = attended.shape
    heads = [attended[:, h] for h in range(H)]  # H tensors [B, N, d_v]
    merged = torch.cat(heads, dim=1)
    return merged.view(B, N, H * dv)
