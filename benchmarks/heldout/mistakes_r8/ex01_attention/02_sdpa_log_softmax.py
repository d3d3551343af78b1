"""
exercise: 1.1
learner: weak
cause: torch.log_softmax is used where the formula has softmax, so the 'weights' are negative log-probabilities that do not sum to 1 and the output is not a weighted average of the values; use torch.softmax(scores, dim=-1).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.log_softmax(scores, dim=-1)
    return weights @ value, weights
