"""
exercise: 1.4
learner: careful
cause: In 1.1 the row maximum is subtracted for stability but without keepdim=True, so the [..., Nq] maxima line up with the last axes of [..., Nq, Nk] instead of the query axis: with batch and head axes in front the shapes clash, and in 2-D self-attention key j is silently shifted by query j's maximum; use scores.amax(dim=-1, keepdim=True), or simply torch.softmax, which is already stable.
downstream: yes (1.1 scaled_dot_product_attention is wrong)
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    scores = scores - scores.max(dim=-1).values
    exps = torch.exp(scores)
    weights = exps / exps.sum(dim=-1, keepdim=True)
    return weights @ value, weights
