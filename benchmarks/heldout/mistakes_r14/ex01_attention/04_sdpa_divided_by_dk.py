"""
exercise: 1.1
learner: careful
cause: The scores are divided by d_k itself (a 1/d scaling as in some other attention variants), which flattens the weights more than the paper's; the scale is 1/sqrt(d_k): divide by math.sqrt(d_k).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scale = 1.0 / d_k
    scores = (query @ key.transpose(-2, -1)) * scale  # [..., Nq, Nk]
    weights = scores.softmax(dim=-1)
    return weights @ value, weights
