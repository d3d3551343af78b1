"""
exercise: 1.2
learner: careful
cause: attention.head_size is taken as the size of the queries and keys and attention.key_size as the value size, but it is the other way round: key_size is d_k (q and k), head_size is d_v (v); split each chunk as [key_size, key_size, head_size].
downstream: no
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H = attention.num_heads
    d_qk = attention.head_size
    d_v = attention.key_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, -1).transpose(1, 2)
    q, k, v = per_head.split([d_qk, d_qk, d_v], dim=-1)
    return q, k, v
