"""
exercise: 1.1
learner: careful
cause: The 1/sqrt(d_k) scaling is applied to the weights after the softmax, so rows no longer sum to 1 and the softmax is not softened; divide the scores before the softmax.
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = key.shape[-1]
    weights = torch.softmax(query @ key.transpose(-2, -1), dim=-1) / math.sqrt(d_k)
    return weights @ value, weights
