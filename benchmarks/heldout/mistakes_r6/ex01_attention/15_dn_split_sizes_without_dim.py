"""
exercise: 1.4
learner: weak
cause: In 1.2 torch.split is given the sizes [d_k, d_k, d_v] but no dim, so it cuts the first axis (the batch) and fails; split the features, per_head.split([d_k, d_k, d_v], dim=-1).
downstream: yes (1.2 split_heads is wrong)
wrong_function: split_heads
"""

import torch


def split_heads(attention, rows):
    batch, num_rows = rows.shape[0], rows.shape[1]
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, num_rows, heads, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = torch.split(per_head, [d_k, d_k, d_v])
    return q, k, v
