"""
exercise: 1.1
learner: careful
cause: The second result is the scaled scores (the logits before the softmax), but the weights asked for are the softmax of them, whose rows sum to 1 over the keys; return the softmax output that multiplies the values.
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    attn_weights = query @ key.transpose(-2, -1) / math.sqrt(d_k)  # [..., Nq, Nk]
    probs = torch.softmax(attn_weights, dim=-1)
    out = probs @ value  # [..., Nq, d_v]
    return out, attn_weights
