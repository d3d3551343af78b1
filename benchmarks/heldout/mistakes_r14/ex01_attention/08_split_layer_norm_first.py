"""
exercise: 1.2
learner: careful
cause: The LayerNorm is applied to the rows before the projection (pre-norm, as in many transformers), but qkv_layer_norm normalises the H*(2d_k+d_v) projected features; project first, then normalise: qkv_layer_norm(qkv_projection(rows)).
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    batch, n, _ = rows.shape
    num_heads, key_size, head_size = attention.num_heads, attention.key_size, attention.head_size
    normed = attention.qkv_layer_norm(rows)
    qkv = attention.qkv_projection(normed)  # [B, N, H*(2dk+dv)]
    qkv = qkv.reshape(batch, n, num_heads, 2 * key_size + head_size).transpose(1, 2)
    q = qkv[..., :key_size]
    k = qkv[..., key_size : 2 * key_size]
    v = qkv[..., 2 * key_size :]
    return q, k, v
