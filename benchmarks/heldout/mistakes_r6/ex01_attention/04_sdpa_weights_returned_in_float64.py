"""
exercise: 1.1
learner: careful
cause: The softmax is computed in float64 for precision and only cast back for the product, so the returned weights are float64 while the inputs and the output are float32; return the weights in the inputs' dtype (leave out dtype=, or cast them back before returning).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1, dtype=torch.float64)
    out = weights.to(value.dtype) @ value
    return out, weights
