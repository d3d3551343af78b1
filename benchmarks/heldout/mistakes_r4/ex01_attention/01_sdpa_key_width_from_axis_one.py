"""
exercise: 1.1
learner: weak
cause: d_k is read as key.size(1), which is the key width only for 2-D inputs and is the head axis once batch and heads come first; read it from the last axis, query.shape[-1].
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = key.size(1)
    scores = torch.matmul(query, key.transpose(-2, -1)) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return torch.matmul(weights, value), weights
