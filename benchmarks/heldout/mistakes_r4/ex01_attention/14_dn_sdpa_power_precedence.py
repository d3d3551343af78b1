"""
exercise: 1.4
learner: weak
cause: In 1.1 the scale is written d_k ** -1 / 2, which Python reads as (1 / d_k) / 2, not d_k ** -0.5; write d_k ** -0.5 or divide by math.sqrt(d_k).
downstream: yes (1.1 scaled_dot_product_attention is wrong)
wrong_function: scaled_dot_product_attention
"""

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) * d_k**-1 / 2
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
