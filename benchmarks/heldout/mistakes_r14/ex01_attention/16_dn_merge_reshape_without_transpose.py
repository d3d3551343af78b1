"""
exercise: 1.4
learner: weak
cause: In 1.3 attended [B, H, N, d_v] is reshaped straight to [B, N, H*d_v] without moving the head axis back, so each merged row mixes rows of one head instead of one row of every head; transpose(1, 2) before the reshape.
downstream: yes (1.3 merge_heads)
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.reshape(B, N, H * d_v)
