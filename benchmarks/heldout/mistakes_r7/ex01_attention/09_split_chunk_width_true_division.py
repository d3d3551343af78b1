"""
exercise: 1.2
learner: weak
cause: The width of a head's chunk is computed with /, which gives a float (13.0), and view only takes integer sizes, so it raises a TypeError; use integer division // (or 2 * d_k + d_v, or -1).
downstream: no
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, qkv.shape[-1] / H).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
