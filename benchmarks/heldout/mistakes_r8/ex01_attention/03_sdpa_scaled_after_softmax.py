"""
exercise: 1.1
learner: careful
cause: The division by sqrt(d_k) is applied after the softmax, to the weights, so each query's weights sum to 1/sqrt(d_k) instead of 1 and the softmax still sees the unscaled scores; divide the scores before the softmax, softmax(Q Kᵀ / sqrt(d_k)).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1)
    weights = torch.softmax(scores, dim=-1) / math.sqrt(d_k)
    return weights @ value, weights
