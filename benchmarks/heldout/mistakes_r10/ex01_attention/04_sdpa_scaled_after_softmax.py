"""
exercise: 1.1
learner: weak
cause: The division by sqrt(d_k) is applied to the weights after the softmax, so they no longer sum to 1 and the output shrinks; divide the scores before the softmax, softmax(Q Kᵀ / sqrt(d_k)).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = key.shape[-1]
    scores = torch.matmul(query, key.transpose(-2, -1))
    weights = torch.softmax(scores, dim=-1) / math.sqrt(d_k)
    output = torch.matmul(weights, value)
    return output, weights
