"""
exercise: 1.1
learner: weak
cause: The scores are multiplied by sqrt(d_k) instead of divided by it, which makes them larger (variance d_k squared) and the softmax sharper; divide the scores by math.sqrt(d_k).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) * math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
