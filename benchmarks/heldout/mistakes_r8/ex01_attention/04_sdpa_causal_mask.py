"""
exercise: 1.1
learner: careful
cause: A causal (upper-triangular) mask is added as in a Transformer decoder, so query i cannot read keys after i; the memory slots form a set with no order and every query attends to every key, so drop the mask.
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    num_queries, num_keys = scores.shape[-2], scores.shape[-1]
    future = torch.ones(num_queries, num_keys, dtype=torch.bool).triu(1)
    scores = scores.masked_fill(future, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
