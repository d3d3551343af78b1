"""
exercise: 1.1
learner: weak
cause: The hand-written softmax divides by exp(scores).sum() with no dim, the total over every query (and batch and head), so the weights of a query no longer sum to 1; sum over the keys with keepdim, .sum(dim=-1, keepdim=True), or use torch.softmax(..., dim=-1).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = torch.matmul(query, key.transpose(-2, -1)) / math.sqrt(d_k)
    # softmax: exp, then normalise
    exp_scores = torch.exp(scores)
    weights = exp_scores / exp_scores.sum()
    out = torch.matmul(weights, value)
    return out, weights
