"""
exercise: 1.4
learner: weak
cause: 1.1's softmax runs over dim=1, the key axis only for 2-D tensors like the lesson's; with [B, H, N, N] it normalises over the heads, so 1.4 inherits wrong weights.
downstream: yes
wrong_function: 1.1 scaled_dot_product_attention (1.2, 1.3 and 1.4 as in correct.py)
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=1)  # over the keys, as in the lesson's [Nq, Nk]
    return weights @ value, weights
