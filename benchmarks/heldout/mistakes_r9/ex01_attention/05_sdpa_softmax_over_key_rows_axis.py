"""
exercise: 1.1
learner: careful
cause: The softmax runs over dim=-2 because the keys sit on axis -2 of key [..., Nk, d_k], but in the scores [..., Nq, Nk] the keys are the last axis; with dim=-2 each key spreads weight over the queries, so use dim=-1 so every query's weights sum to 1.
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = key.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)  # [..., Nq, Nk]
    weights = torch.softmax(scores, dim=-2)
    out = weights @ value  # [..., Nq, d_v]
    return out, weights
