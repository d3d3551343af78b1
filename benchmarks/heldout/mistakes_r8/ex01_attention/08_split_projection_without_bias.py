"""
exercise: 1.2
learner: careful
cause: The projection is written out as rows @ Wᵀ and the Linear layer's bias is left out, so the bias never gets a gradient and never learns (and once it is nonzero every q, k, v feature is off); call attention.qkv_projection(rows), which adds the bias.
downstream: no
"""

import torch


def split_heads(attention, rows):
    batch, num_rows = rows.shape[0], rows.shape[1]
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    projected = rows @ attention.qkv_projection.weight.T
    qkv = attention.qkv_layer_norm(projected)
    per_head = qkv.view(batch, num_rows, heads, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = torch.split(per_head, [d_k, d_k, d_v], dim=-1)
    return q, k, v
