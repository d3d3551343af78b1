"""
exercise: 1.4
learner: weak
cause: In 1.1 the hand-written stable softmax subtracts scores.max(dim=-1).values without keepdim, so the [..., Nq] maxima are lined up from the right with the [..., Nq, Nk] scores, against the keys and the other leading axes (an error with batch and head axes, the wrong maximum per column otherwise); keep the axis, scores.max(dim=-1, keepdim=True).values, or call torch.softmax(scores, dim=-1).
downstream: yes (1.1 scaled_dot_product_attention is wrong)
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    e = torch.exp(scores - scores.max(dim=-1).values)
    weights = e / e.sum(dim=-1, keepdim=True)
    return weights @ value, weights
