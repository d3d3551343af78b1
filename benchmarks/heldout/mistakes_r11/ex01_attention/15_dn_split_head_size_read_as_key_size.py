"""
exercise: 1.4
learner: weak
cause: In 1.2 attention.head_size is taken as the size of q and k, but head_size is d_v (the value size per head) and key_size is d_k; with d_k = 4 and d_v = 5, q and k are cut 5 wide and v gets only the 3 numbers left; cut q, k with attention.key_size and v with attention.head_size.
downstream: yes (1.2 split_heads)
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H = attention.num_heads
    size = attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, -1).transpose(1, 2)
    q = per_head[..., :size]
    k = per_head[..., size:2 * size]
    v = per_head[..., 2 * size:]
    return q, k, v
