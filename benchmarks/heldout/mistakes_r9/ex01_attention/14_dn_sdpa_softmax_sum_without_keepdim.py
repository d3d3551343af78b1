"""
exercise: 1.4
learner: weak
cause: In 1.1 the softmax is written by hand and exp(scores) is divided by exp(scores).sum(dim=-1) without keepdim=True, so the [..., Nq] sums broadcast along the key axis and column j is divided by query j's sum (or the shapes clash); keep the axis, .sum(dim=-1, keepdim=True), or use torch.softmax(scores, dim=-1).
downstream: yes (1.1 scaled_dot_product_attention)
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    exp_scores = torch.exp(scores)
    weights = exp_scores / exp_scores.sum(dim=-1)
    return weights @ value, weights
