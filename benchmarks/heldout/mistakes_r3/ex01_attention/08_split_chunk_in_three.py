"""
exercise: 1.2
learner: weak
cause: torch.chunk(..., 3) cuts each head's 2d_k+d_v numbers into three equal pieces, which is wrong whenever d_v differs from d_k; split with the sizes [d_k, d_k, d_v].
downstream: no
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H = attention.num_heads
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.reshape(B, N, H, -1).permute(0, 2, 1, 3)
    q, k, v = torch.chunk(per_head, 3, dim=-1)
    return q, k, v
