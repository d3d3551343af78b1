"""
exercise: 1.4
learner: careful
cause: In 1.2 attention.head_size is taken as d_k and attention.key_size as d_v (head_size names the per-head query/key size in other code), so each chunk is cut [d_v, d_v, d_k]; here key_size is d_k and head_size is d_v.
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
    per_head = qkv.view(B, N, H, -1).transpose(1, 2)  # [B, H, N, 2dk+dv]
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
