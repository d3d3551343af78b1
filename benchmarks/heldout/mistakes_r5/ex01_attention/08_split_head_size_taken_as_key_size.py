"""
exercise: 1.2
learner: weak
cause: attention.head_size is read as the size of q and k, but it is d_v, the value size; d_k is attention.key_size, so split each head's chunk with [key_size, key_size, head_size].
downstream: no
"""


def split_heads(attention, rows):
    batch, num_rows, _ = rows.shape
    size = attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, num_rows, attention.num_heads, -1).transpose(1, 2)
    q, k, v = per_head.split([size, size, size], dim=-1)
    return q, k, v
