"""
exercise: 1.1
learner: weak
cause: Only the attention output is returned, not the pair (output, weights) the exercise asks for; return both, `return out, weights`.
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    weights = torch.softmax(query @ key.transpose(-2, -1) / math.sqrt(d_k), dim=-1)
    return weights @ value
