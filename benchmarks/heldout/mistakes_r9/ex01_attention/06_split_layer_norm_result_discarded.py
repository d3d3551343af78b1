"""
exercise: 1.2
learner: weak
cause: attention.qkv_layer_norm(qkv) is called but its result is thrown away (a module returns a new tensor, it does not change qkv in place), so q, k and v come from the un-normalised projection; assign it, qkv = attention.qkv_layer_norm(qkv).
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H = attention.num_heads
    d_k = attention.key_size
    d_v = attention.head_size
    qkv = attention.qkv_projection(rows)
    attention.qkv_layer_norm(qkv)
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
