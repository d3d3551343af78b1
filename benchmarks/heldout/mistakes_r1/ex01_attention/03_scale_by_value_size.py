"""
exercise: 1.1
learner: careful
cause: the scores are divided by sqrt of the value size d_v instead of the key size d_k (the two agree only when d_k == d_v).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d = value.shape[-1]  # the head size
    scores = query @ key.transpose(-2, -1) / math.sqrt(d)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
