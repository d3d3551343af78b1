"""
exercise: 1.2
learner: weak
cause: The projection is written by hand as rows @ weight.T, which leaves out the layer's bias: the bias is never used and gets no gradient (it starts at zero, so the values part from the layer's only once it would have trained); call the layer itself, attention.qkv_projection(rows).
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    W = attention.qkv_projection.weight  # [H*(2dk+dv), F]
    qkv = attention.qkv_layer_norm(rows @ W.T)
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
