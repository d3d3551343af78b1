"""
exercise: 1.4
learner: weak
cause: In 1.1 the division by sqrt(d_k) comes after the softmax, so it shrinks the weights (their rows sum to 1/sqrt(d_k), not 1) instead of the scores; divide the scores inside the softmax: softmax(q kᵀ / sqrt(d_k)).
downstream: yes (1.1 scaled_dot_product_attention)
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    weights = torch.softmax(query @ key.transpose(-2, -1), dim=-1) / math.sqrt(d_k)
    return weights @ value, weights
