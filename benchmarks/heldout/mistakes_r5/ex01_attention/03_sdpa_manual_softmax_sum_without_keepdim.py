"""
exercise: 1.1
learner: weak
cause: The hand-written softmax divides by exps.sum(dim=-1), which drops the key axis, so the [..., Nq] sums line up with the keys instead of the queries (an error, or wrong weights when Nq = Nk); keep the axis with keepdim=True, or use torch.softmax(scores, dim=-1).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    exps = torch.exp(scores)
    weights = exps / exps.sum(dim=-1)
    return weights @ value, weights
