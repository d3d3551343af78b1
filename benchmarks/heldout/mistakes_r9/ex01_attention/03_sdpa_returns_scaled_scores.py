"""
exercise: 1.1
learner: weak
cause: The softmax is computed inline for the output but the function returns the scaled scores as the weights, which are not probabilities (rows do not sum to 1); keep the softmax result in a variable and return that as the weights.
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    out = torch.softmax(scores, dim=-1) @ value
    return out, scores
