"""
exercise: 1.4
learner: weak
cause: split_heads skips the LayerNorm after the projection, so queries, keys and values are not normalised; pass the projection through attention.qkv_layer_norm before splitting.
downstream: yes (1.2 split_heads is wrong)
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, dk, dv = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    per_head = qkv.view(B, N, H, 2 * dk + dv).transpose(1, 2)
    q, k, v = per_head.split([dk, dk, dv], dim=-1)
    return q, k, v
