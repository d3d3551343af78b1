"""
exercise: 1.4
learner: careful
cause: In 1.1 a causal mask (from GPT-style decoders) hides the later keys from each query, but the memory slots form a set and every slot may read every other; drop the masked_fill and softmax the full scores.
downstream: yes (1.1 scaled_dot_product_attention)
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    n_q, n_k = scores.shape[-2], scores.shape[-1]
    mask = torch.triu(torch.ones(n_q, n_k, dtype=torch.bool), diagonal=1)
    scores = scores.masked_fill(mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
