"""
exercise: 1.2
learner: weak
cause: Stacking the per-head chunks with torch.stack(..., dim=0) puts the head axis in front of the batch, [H, B, N, d]; the heads go on axis 1, after the batch: stack with dim=1 (or view to [B, N, H, -1] and transpose(1, 2)).
downstream: no
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    d_k, d_v = attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    qkv = attention.qkv_layer_norm(qkv)
    # one chunk of 2*d_k + d_v features per head
    heads = qkv.chunk(attention.num_heads, dim=-1)
    per_head = torch.stack(heads, dim=0)
    q, k, v = torch.split(per_head, [d_k, d_k, d_v], dim=-1)
    return q, k, v
