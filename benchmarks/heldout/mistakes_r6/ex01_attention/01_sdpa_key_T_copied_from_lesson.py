"""
exercise: 1.1
learner: weak
cause: key.T is copied from the lesson's 2-D example, but on a [B, H, Nk, d_k] tensor .T reverses every axis ([d_k, Nk, H, B]) instead of swapping the last two; transpose only the last two axes, key.transpose(-2, -1) (or key.mT).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.T / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
