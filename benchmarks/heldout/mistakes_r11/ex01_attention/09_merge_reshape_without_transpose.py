"""
exercise: 1.3
learner: weak
cause: attended is reshaped to [B, N, H * d_v] straight from [B, H, N, d_v], so each new row is cut from one head's consecutive rows instead of holding every head's output for that slot; move the head axis back first, attended.transpose(1, 2), then reshape.
downstream: no
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.reshape(B, N, H * d_v)
