"""
exercise: 1.1
learner: careful
cause: The returned weights are the softmax of the unscaled scores while the output uses the scaled ones; return the same scaled weights that multiply the values.
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-2, -1)  # [..., Nq, Nk]
    out = torch.softmax(scores / math.sqrt(query.shape[-1]), dim=-1) @ value
    weights = torch.softmax(scores, dim=-1)  # for plotting
    return out, weights
