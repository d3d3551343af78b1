"""
exercise: 1.2
learner: careful
cause: The LayerNorm is applied to the rows before the projection (pre-LN, as in many Transformers), but here it normalises the projected features (its width is H (2 d_k + d_v)), so this fails; project first, then normalise: qkv_layer_norm(qkv_projection(rows)).
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(attention.qkv_layer_norm(rows))
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
