"""
exercise: 1.2
learner: weak
cause: view(B, H, N, -1) reinterprets the [B, N, H*(2d_k+d_v)] features as if the heads were already before the rows, so rows and heads get mixed; view to [B, N, H, 2d_k+d_v] first, then transpose(1, 2).
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
    qkv = qkv.view(B, H, N, -1)  # [B, H, N, 2dk+dv]
    q = qkv[..., :d_k]
    k = qkv[..., d_k : 2 * d_k]
    v = qkv[..., 2 * d_k :]
    return q, k, v
