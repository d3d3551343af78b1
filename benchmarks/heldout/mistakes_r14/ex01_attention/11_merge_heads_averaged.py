"""
exercise: 1.3
learner: careful
cause: The heads are averaged (as a final graph-attention layer does), giving [B, N, d_v]; the memory row keeps every head's d_v features side by side: concatenate them, attended.transpose(1, 2).reshape(B, N, H * d_v).
downstream: no
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    # combine the heads into one row per slot
    return attended.mean(dim=1)  # [B, N, d_v]
