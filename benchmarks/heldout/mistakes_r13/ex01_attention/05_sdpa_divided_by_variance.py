"""
exercise: 1.1
learner: careful
cause: The scores are divided by d_k, the variance of q·k, instead of by its standard deviation sqrt(d_k); dividing by d_k shrinks the variance to 1/d_k and flattens the weights. Divide by math.sqrt(d_k).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1)
    scores = scores / d_k
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
