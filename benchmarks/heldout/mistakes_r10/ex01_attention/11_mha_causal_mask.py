"""
exercise: 1.4
learner: careful
cause: A causal mask (from GPT-style decoders) stops each row from reading the rows after it, but the memory slots are an unordered set and every slot attends to every slot; drop the mask and use scaled_dot_product_attention(q, k, v) as it is.
downstream: no
wrong_function: multi_head_attention
"""

# ruff: noqa: F821

import math

import torch


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    n = rows.shape[1]
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    future = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
    scores = scores.masked_fill(future, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return merge_heads(weights @ v), weights
