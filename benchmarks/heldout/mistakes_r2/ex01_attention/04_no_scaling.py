"""
exercise: 1.1
learner: weak
cause: The scores Q Kᵀ go into the softmax without the 1/sqrt(d_k) scaling, so the weights are too sharp; divide the scores by math.sqrt(d_k) before the softmax.
downstream: no
"""

import torch


def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-2, -1)
    weights = torch.softmax(scores, dim=-1)
    out = weights @ value
    return out, weights
