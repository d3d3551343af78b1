"""
exercise: 1.1
learner: weak
cause: The scores are divided by d_k itself rather than by its square root, which flattens the weights; divide by math.sqrt(d_k).
downstream: no
"""

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = key.shape[-1]
    scores = torch.matmul(query, key.transpose(-2, -1)) / d_k
    weights = scores.softmax(dim=-1)
    out = torch.matmul(weights, value)
    return out, weights
