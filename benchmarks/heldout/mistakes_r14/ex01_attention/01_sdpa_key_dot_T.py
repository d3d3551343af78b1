"""
exercise: 1.1
learner: weak
cause: key.T (copied from the lesson's `queries @ keys.T`) reverses every axis of a batched key, so [B, H, Nk, d_k] becomes [d_k, Nk, H, B] and the product breaks; swap only the last two axes, key.transpose(-2, -1) (or key.mT).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    scores = query @ key.T  # [Nq, Nk], like in the lesson
    d_k = query.shape[-1]
    weights = torch.softmax(scores / math.sqrt(d_k), dim=-1)
    out = weights @ value
    return out, weights
