"""
exercise: 1.1
learner: careful
cause: The scores are divided by d_k because the variance of q·k is d_k, but dividing by c divides the variance by c², so this leaves variance 1/d_k and flattens the weights; divide by sqrt(d_k), as in the formula.
downstream: no
wrong_function: scaled_dot_product_attention
"""

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1)
    weights = torch.softmax(scores / d_k, dim=-1)
    return weights @ value, weights
