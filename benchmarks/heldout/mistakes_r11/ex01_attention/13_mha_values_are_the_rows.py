"""
exercise: 1.4
learner: careful
cause: The values are taken as the input rows themselves, cut into heads, instead of the v that split_heads computes; in this layer the values are projected (and normalised) like the queries and keys, so use the v that split_heads returns.
downstream: no
wrong_function: multi_head_attention
"""
# ruff: noqa: F821

import torch


def multi_head_attention(attention, rows):
    B, N, _ = rows.shape
    q, k, _ = split_heads(attention, rows)
    v = rows.view(B, N, attention.num_heads, attention.head_size).transpose(1, 2)
    attended, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(attended), weights
