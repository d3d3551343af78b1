"""
exercise: 1.4
learner: weak
cause: 1.3 concatenates the heads in a Python loop over range(H - 1), dropping the last head, so 1.4 returns rows of (H-1)*d_v features.
downstream: yes
wrong_function: 1.3 merge_heads (1.1, 1.2 and 1.4 as in correct.py)
"""

import torch


def merge_heads(attended):
    H = attended.shape[1]
    pieces = []
    for h in range(H - 1):
        pieces.append(attended[:, h])  # [B, N, d_v]
    return torch.cat(pieces, dim=-1)
