"""
exercise: 1.1
learner: weak
cause: torch.bmm only takes 3-D tensors [batch, n, m], so it fails on 2-D inputs and on [B, H, N, d]; use the @ operator (torch.matmul), which broadcasts over any leading axes.
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.size(-1)
    # batched matrix multiply so it works with batch and heads in front
    scores = torch.bmm(query, key.transpose(-2, -1)) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    out = torch.bmm(weights, value)
    return out, weights
