"""
exercise: 1.1
learner: careful
cause: The scores are divided by d_k, the variance of q·k, instead of by its standard deviation sqrt(d_k), which over-flattens the weights; divide by math.sqrt(d_k) so the scaled scores have variance 1.
downstream: no
"""

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / d_k
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
