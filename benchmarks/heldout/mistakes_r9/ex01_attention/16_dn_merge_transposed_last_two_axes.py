"""
exercise: 1.4
learner: weak
cause: In 1.3 transpose(-2, -1) (the key transpose of the attention) swaps rows and features, [B, H, d_v, N], so the reshape mixes rows, heads and units; move the head axis back next to the features, attended.transpose(1, 2), before reshaping to [B, N, H·d_v].
downstream: yes (1.3 merge_heads)
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.transpose(-2, -1).reshape(B, N, H * d_v)
