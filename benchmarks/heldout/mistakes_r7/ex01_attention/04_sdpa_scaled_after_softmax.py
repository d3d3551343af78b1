"""
exercise: 1.1
learner: careful
cause: The division by sqrt(d_k) is applied to the softmax output instead of to the scores, so the weights no longer sum to 1 over the keys (and are not sharpened or flattened at all); scale the scores first, then take the softmax.
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1)
    weights = torch.softmax(scores, dim=-1) / math.sqrt(d_k)
    return weights @ value, weights
