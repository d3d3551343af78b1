"""
exercise: 1.1
learner: weak
cause: key.transpose(0, 1) only transposes a 2-D key; with batch and head axes in front it swaps those instead of the last two, so transpose the last two axes with key.transpose(-2, -1).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(0, 1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
