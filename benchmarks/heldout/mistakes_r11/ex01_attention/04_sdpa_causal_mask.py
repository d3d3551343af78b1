"""
exercise: 1.1
learner: careful
cause: A causal (lower-triangular) mask is applied as in a GPT-style decoder, so a query cannot read keys after it; the memory's attention is unmasked, every slot reads every slot, so drop the mask.
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    n_q, n_k = scores.shape[-2], scores.shape[-1]
    allowed = torch.ones(n_q, n_k, dtype=torch.bool).tril()
    scores = scores.masked_fill(~allowed, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
