"""
exercise: 1.2
learner: careful
cause: q is divided by sqrt(d_k) here, but split_heads returns q unscaled (its docstring says so): the scaling is done once, in the attention; remove the division.
downstream: no
"""

import math


def split_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, n_rows, heads, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q / math.sqrt(d_k), k, v
