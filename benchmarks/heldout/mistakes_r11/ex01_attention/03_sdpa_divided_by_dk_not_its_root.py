"""
exercise: 1.1
learner: careful
cause: The scores are divided by d_k itself; the lesson's measurement says the variance of q·k is d_k, so the standard deviation, the number to divide by, is sqrt(d_k); divide by math.sqrt(d_k).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = torch.matmul(query, key.transpose(-2, -1)) / d_k
    weights = torch.softmax(scores, dim=-1)
    return torch.matmul(weights, value), weights
