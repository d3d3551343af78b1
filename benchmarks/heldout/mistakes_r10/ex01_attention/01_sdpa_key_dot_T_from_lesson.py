"""
exercise: 1.1
learner: weak
cause: key.T is copied from the lesson's 2-D example, but on [B, H, Nk, d_k] it reverses every axis ([d_k, Nk, H, B]), so the product no longer lines up; transpose only the last two axes, key.transpose(-2, -1).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.T / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    out = weights @ value
    return out, weights
