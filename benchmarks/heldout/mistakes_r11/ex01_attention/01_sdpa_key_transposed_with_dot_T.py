"""
exercise: 1.1
learner: weak
cause: key.T is copied from the lesson's 2-D example (keys.T); on a [..., Nk, d_k] tensor with batch and head axes .T reverses every axis instead of swapping the last two, so the product fails; use key.transpose(-2, -1) (or key.mT).
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
