"""
exercise: 1.4
learner: careful
cause: In 1.2 attention.head_size is read as the query/key width (like head_dim in other libraries) and key_size as the value width, but here head_size is d_v and key_size is d_k, so q and k take d_v features and v the rest; slice with d_k = attention.key_size and d_v = attention.head_size.
downstream: yes (1.2 split_heads)
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H = attention.num_heads
    d_k = attention.head_size
    d_v = attention.key_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, -1).transpose(1, 2)
    q = per_head[..., :d_k]
    k = per_head[..., d_k:2 * d_k]
    v = per_head[..., 2 * d_k:]
    return q, k, v
