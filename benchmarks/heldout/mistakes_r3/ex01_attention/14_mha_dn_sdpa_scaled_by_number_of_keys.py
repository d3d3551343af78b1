"""
exercise: 1.4
learner: weak
cause: scaled_dot_product_attention divides by the square root of the number of keys (key.shape[-2]) instead of the key width d_k (key.shape[-1]); scale by math.sqrt(key.shape[-1]).
downstream: yes (1.1 scaled_dot_product_attention is wrong)
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = key.shape[-2]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
