"""
exercise: 1.1
learner: weak
cause: key.T is the lesson's 2-D transpose; on batched [..., Nk, d_k] keys it reverses every axis, so the product fails (or mixes axes) as soon as batch and heads come first; swap only the last two axes with key.transpose(-2, -1).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    scores = query @ key.T
    d_k = key.shape[-1]
    weights = torch.softmax(scores / math.sqrt(d_k), dim=-1)
    out = weights @ value
    return out, weights
