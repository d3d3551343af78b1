"""
exercise: 1.1
learner: careful
cause: The hand-written stable softmax subtracts the maximum over the query axis (dim=-2), which is not constant along a row of keys and so changes the weights; subtract the maximum over the key axis (dim=-1, keepdim=True) or use torch.softmax.
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    shifted = scores - scores.max(dim=-2, keepdim=True).values  # for numerical stability
    exp = torch.exp(shifted)
    weights = exp / exp.sum(dim=-1, keepdim=True)
    return weights @ value, weights
