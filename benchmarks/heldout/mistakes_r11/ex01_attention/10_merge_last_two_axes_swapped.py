"""
exercise: 1.3
learner: weak
cause: transpose(-1, -2) swaps the rows and the features (as for key in the scores), not the heads and the rows; the head axis is 1 and the rows axis 2, so use attended.transpose(1, 2) before the reshape.
downstream: no
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    merged = attended.transpose(-1, -2)
    return merged.reshape(B, N, H * d_v)
