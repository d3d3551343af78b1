"""
exercise: 1.1
learner: weak
cause: F.softmax is called without dim, so PyTorch picks the axis itself: the keys for 2-D scores, but axis 1 (the heads) for [B, H, Nq, Nk]; pass dim=-1 so each query's weights sum to 1 over the keys.
downstream: no
"""

import math

import torch.nn.functional as F


def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    weights = F.softmax(scores)
    return weights @ value, weights
