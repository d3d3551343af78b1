"""
exercise: 1.2
learner: weak
cause: The transpose is done before the reshape (the order that merging uses), so [B, N, H(2d_k+d_v)] becomes [B, features, N] and the reshape mixes features of different rows into each head; first view to [B, N, H, 2 d_k + d_v], then transpose(1, 2).
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H = attention.num_heads
    d_k = attention.key_size
    d_v = attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.transpose(1, 2).reshape(B, H, N, 2 * d_k + d_v)
    q, k, v = torch.split(per_head, [d_k, d_k, d_v], dim=-1)
    return q, k, v
