"""
exercise: 1.1
learner: careful
cause: The hand-written stable softmax subtracts scores.max(dim=-1).values, which has lost the key axis ([..., Nq]) and so is lined up against the keys instead of each query's row (it fails, or shifts the wrong entries, when Nq differs from Nk); keep the axis with keepdim=True, or just call torch.softmax(scores, dim=-1).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    scores = scores - scores.max(dim=-1).values
    exp_scores = torch.exp(scores)
    weights = exp_scores / exp_scores.sum(dim=-1, keepdim=True)
    return weights @ value, weights
