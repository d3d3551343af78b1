"""
exercise: 1.4
learner: weak
cause: In 1.2 the projected features are viewed straight as [B, H, N, 2 d_k + d_v], which reads consecutive chunks of the rows as heads instead of moving the head axis; view to [B, N, H, 2 d_k + d_v] and transpose(1, 2).
downstream: yes (1.2 split_heads is wrong)
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    batch, num_rows = rows.shape[0], rows.shape[1]
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, heads, num_rows, 2 * d_k + d_v)
    q, k, v = torch.split(per_head, [d_k, d_k, d_v], dim=-1)
    return q, k, v
