"""
exercise: 1.4
learner: careful
cause: scaled_dot_product_attention takes the softmax over a hard-coded dim=1, which is the key axis for 2-D scores but the head axis for [B, H, N, N]; use dim=-1 so it is always the key axis.
downstream: yes
wrong_function: 1.1 scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=1)
    return weights @ value, weights
