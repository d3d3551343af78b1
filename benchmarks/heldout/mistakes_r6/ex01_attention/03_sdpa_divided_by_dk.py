"""
exercise: 1.1
learner: careful
cause: The scores are divided by d_k itself, as if the variance d_k had to be divided out; dividing by the standard deviation sqrt(d_k) is what brings the variance back to 1, so divide by math.sqrt(d_k).
downstream: no
"""

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / d_k
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
