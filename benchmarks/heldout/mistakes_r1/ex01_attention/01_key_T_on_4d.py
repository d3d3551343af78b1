"""
exercise: 1.1
learner: weak
cause: `.T` reverses every axis of a batched [..., Nk, d_k] key instead of swapping the last two; use key.transpose(-2, -1).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.T / math.sqrt(d_k)  # as in the lesson: queries @ keys.T
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
