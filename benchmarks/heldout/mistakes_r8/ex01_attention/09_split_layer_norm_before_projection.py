"""
exercise: 1.2
learner: careful
cause: The LayerNorm is applied to the rows before the projection (pre-norm, as in many Transformers), but qkv_layer_norm normalises the projected H (2 d_k + d_v) features, so its size does not fit the rows; project first, then normalise.
downstream: no
"""

import torch


def split_heads(attention, rows):
    batch, num_rows = rows.shape[0], rows.shape[1]
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(attention.qkv_layer_norm(rows))
    per_head = qkv.view(batch, num_rows, heads, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = torch.split(per_head, [d_k, d_k, d_v], dim=-1)
    return q, k, v
