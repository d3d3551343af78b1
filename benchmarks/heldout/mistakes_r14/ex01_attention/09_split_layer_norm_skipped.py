"""
exercise: 1.2
learner: weak
cause: The projected features are cut into heads without the LayerNorm that follows the projection (Sonnet-style), so q, k and v are not normalised; apply attention.qkv_layer_norm to the output of attention.qkv_projection before the view.
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)  # [B, N, H*(2dk+dv)]
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)  # [B, H, N, 2dk+dv]
    q = per_head[..., :d_k]
    k = per_head[..., d_k : 2 * d_k]
    v = per_head[..., 2 * d_k :]
    return q, k, v
