"""
exercise: 1.1
learner: careful
cause: The scores are divided by sqrt of the value width d_v (value.shape[-1]) instead of the key width d_k; scale by sqrt(query.shape[-1]); the two only coincide when d_k = d_v.
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d = value.shape[-1]
    scores = query @ key.transpose(-2, -1)
    weights = torch.softmax(scores / math.sqrt(d), dim=-1)
    return weights @ value, weights
