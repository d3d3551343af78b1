"""
exercise: 1.3
learner: weak
cause: The heads are concatenated along dim=1, which after unbind(1) is the row axis, so the rows of the heads are stacked under each other ([B, H*N, d_v]); concatenate on the feature axis, dim=-1.
downstream: no
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    heads = attended.unbind(1)  # H tensors [B, N, d_v]
    return torch.cat(heads, dim=1)
