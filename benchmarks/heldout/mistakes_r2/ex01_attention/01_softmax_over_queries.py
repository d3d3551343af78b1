"""
exercise: 1.1
learner: weak
cause: The softmax runs over dim=-2 (the queries), so each key's weights sum to 1 instead of each query's; take the softmax over the last axis, the keys (dim=-1).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-2)
    return weights @ value, weights
