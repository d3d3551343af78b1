"""
exercise: 1.2
learner: careful
cause: The LayerNorm is put on the rows before the projection (pre-norm, as in many Transformers), but here it normalises the projection's output of H (2 d_k + d_v) features (that is its width, so it cannot take the rows); project first, then qkv_layer_norm.
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(attention.qkv_layer_norm(rows))
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = torch.split(per_head, [d_k, d_k, d_v], dim=-1)
    return q, k, v
