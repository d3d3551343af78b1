"""
exercise: 1.2
learner: careful
cause: F.layer_norm without weight and bias only standardises the features and bypasses the layer's learned gain and bias (equal to 1 and 0 only at initialisation), so those parameters get no gradient and never learn; call the layer, attention.qkv_layer_norm(qkv).
downstream: no
"""

import torch.nn.functional as F


def split_heads(attention, rows):
    batch, num_rows = rows.shape[0], rows.shape[1]
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    qkv = F.layer_norm(qkv, qkv.shape[-1:])
    per_head = qkv.view(batch, num_rows, heads, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
