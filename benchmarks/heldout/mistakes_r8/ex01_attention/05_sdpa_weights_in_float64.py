"""
exercise: 1.1
learner: careful
cause: The softmax is computed with dtype=torch.float64 'for stability' and the weights are returned in float64 while everything else is float32 (the output too, after value is cast up); keep the input's dtype: torch.softmax(scores, dim=-1) without dtype.
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1, dtype=torch.float64)
    return weights @ value.to(weights.dtype), weights
