"""
exercise: 1.1
learner: weak
cause: (query * key).sum(dim=-1) multiplies query i only with key i (as the random pairs of section 6 do), so it gives one number per pair of matching positions instead of a score for every (query, key) pair; compute all pairs with query @ key.transpose(-2, -1), a [..., Nq, Nk] matrix.
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    dots = (query * key).sum(dim=-1)
    weights = torch.softmax(dots / math.sqrt(d_k), dim=-1)
    out = weights @ value
    return out, weights
