"""
exercise: 1.2
learner: careful
cause: F.layer_norm without weight and bias normalises like the layer does at initialisation, but it bypasses attention.qkv_layer_norm, so the layer's learned scale and shift are never used and get no gradient; call attention.qkv_layer_norm(qkv).
downstream: no
"""

import torch.nn.functional as F


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    qkv = F.layer_norm(qkv, qkv.shape[-1:])
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
