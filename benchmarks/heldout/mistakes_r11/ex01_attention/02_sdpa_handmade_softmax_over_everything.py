"""
exercise: 1.1
learner: weak
cause: The softmax is written by hand as exp(s) / exp(s).sum(), and the sum with no dim adds up every score of the tensor, so no query's weights sum to 1; normalise per query over the keys, exp.sum(dim=-1, keepdim=True), or use torch.softmax(scores, dim=-1).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    exp_scores = torch.exp(scores)
    weights = exp_scores / exp_scores.sum()
    out = weights @ value
    return out, weights
