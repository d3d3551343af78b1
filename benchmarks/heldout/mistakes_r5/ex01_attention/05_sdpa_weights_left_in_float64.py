"""
exercise: 1.1
learner: careful
cause: The softmax is computed in float64 for stability and only the copy used for the output is cast back, so the returned weights are float64 while the inputs are float32; return weights in the inputs' dtype (cast them back once, or compute the softmax in the input dtype).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores.double(), dim=-1)
    out = weights.to(value.dtype) @ value
    return out, weights
