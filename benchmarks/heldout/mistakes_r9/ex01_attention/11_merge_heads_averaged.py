"""
exercise: 1.3
learner: careful
cause: The heads are averaged into one d_v-wide output per row (as GAT's last layer does), but here they are concatenated: each row keeps every head's d_v features side by side, [B, N, H·d_v]; use attended.transpose(1, 2).reshape(B, N, H * d_v).
downstream: no
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    return attended.mean(dim=1)
