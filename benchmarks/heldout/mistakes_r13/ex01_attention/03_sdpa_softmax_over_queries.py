"""
exercise: 1.1
learner: weak
cause: The softmax runs over dim=-2, the queries, so each key spreads its weight over the queries and a query's weights do not sum to 1; the softmax goes over the keys, the last axis: dim=-1.
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = torch.matmul(query, key.transpose(-2, -1)) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-2)
    output = torch.matmul(weights, value)
    return output, weights
