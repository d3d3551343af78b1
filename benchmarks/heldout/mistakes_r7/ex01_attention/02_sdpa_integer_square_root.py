"""
exercise: 1.1
learner: weak
cause: math.isqrt is the integer square root (isqrt(2) = 1, isqrt(8) = 2), so the scores are divided by the wrong number whenever d_k is not a perfect square; divide by math.sqrt(d_k).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.isqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
