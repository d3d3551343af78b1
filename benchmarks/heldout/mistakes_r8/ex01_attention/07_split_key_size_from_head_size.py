"""
exercise: 1.2
learner: weak
cause: attention.head_size is taken for the key size and attention.key_size for the value size; head_size is d_v (the width each head writes back) and key_size is d_k, so the per-head chunk is computed as 2 d_v + d_k, which does not fit the H (2 d_k + d_v) projected features whenever d_k differs from d_v.
downstream: no
"""

import torch


def split_heads(attention, rows):
    batch, num_rows = rows.shape[0], rows.shape[1]
    heads, d_k, d_v = attention.num_heads, attention.head_size, attention.key_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, num_rows, heads, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = torch.split(per_head, [d_k, d_k, d_v], dim=-1)
    return q, k, v
