"""
exercise: 1.1
learner: careful
cause: a hand-written "numerically stable" softmax subtracts the maximum over the queries (dim=-2) instead of over the keys, a different constant per key, so the weights change.
downstream: no
"""

import math


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)  # [..., Nq, Nk]
    scores = scores - scores.max(dim=-2, keepdim=True).values  # for stability
    exp = scores.exp()
    weights = exp / exp.sum(dim=-1, keepdim=True)
    return weights @ value, weights
