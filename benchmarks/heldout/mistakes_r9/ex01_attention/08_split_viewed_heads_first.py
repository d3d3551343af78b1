"""
exercise: 1.2
learner: weak
cause: The projection is viewed straight into [B, H, N, 2 d_k + d_v], which cuts the memory as if all of head 0's rows came first, mixing rows and heads; view as [B, N, H, 2 d_k + d_v] (the layout of the features) and then transpose(1, 2) to put the heads before the rows.
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H = attention.num_heads
    d_k, d_v = attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, H, N, 2 * d_k + d_v)  # [B, H, N, 2dk+dv]
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
