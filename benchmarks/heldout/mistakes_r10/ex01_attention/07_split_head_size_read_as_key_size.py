"""
exercise: 1.2
learner: weak
cause: attention.head_size is taken as the size of q and k and attention.key_size as the size of v, but key_size is d_k and head_size is d_v; swap them back (d_k = attention.key_size, d_v = attention.head_size).
downstream: no
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, F = rows.shape
    H = attention.num_heads
    d_k = attention.head_size
    d_v = attention.key_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.reshape(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = qkv.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
