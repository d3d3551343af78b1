"""
exercise: 1.1
learner: weak
cause: The second value returned is the scaled scores, not the softmax of them, so the 'weights' can be negative and do not sum to 1 over the keys; return the weights that multiplied the values.
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, scores
