"""
exercise: 1.2
learner: weak
cause: split with a single number cuts pieces of that size (d_k, d_k, d_k and the rest), not the three pieces q, k, v, so the unpacking fails; give the three sizes, split([d_k, d_k, d_v], dim=-1).
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H = attention.num_heads
    d_k = attention.key_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, -1).transpose(1, 2)
    q, k, v = per_head.split(d_k, dim=-1)
    return q, k, v
