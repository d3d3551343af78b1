"""
exercise: 1.1
learner: weak
cause: key.T reverses every axis of the tensor, so it is the key transpose only for 2-D keys; with batch and heads in front ([B, H, Nk, d_k]) the product no longer lines up. Swap only the last two axes: key.transpose(-2, -1).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = key.shape[-1]
    scores = query @ key.T
    weights = torch.softmax(scores / math.sqrt(d_k), dim=-1)
    out = weights @ value
    return out, weights
