"""
exercise: 1.1
learner: weak
cause: The scores are divided by the square root of the value width d_v (value.shape[-1]) instead of the key width d_k; scale by math.sqrt(query.shape[-1]) (or key.shape[-1]).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d = value.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
