"""
exercise: 1.2
learner: careful
cause: q, k and v are cut straight from the projection, as in the paper's Q = M W_q, but the layer (like Sonnet) puts a LayerNorm after the projection; cut attention.qkv_layer_norm(attention.qkv_projection(rows)).
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q = per_head[..., :d_k]
    k = per_head[..., d_k:2 * d_k]
    v = per_head[..., 2 * d_k:]
    return q, k, v
