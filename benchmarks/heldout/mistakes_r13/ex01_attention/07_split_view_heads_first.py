"""
exercise: 1.2
learner: weak
cause: view(B, H, N, -1) reads the features as if the head axis came before the rows in memory, so rows and heads get mixed up (a head's "row" holds numbers of other rows); view to [B, N, H, 2 d_k + d_v] first, where the layout really is, and then transpose(1, 2).
downstream: no
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H = attention.num_heads
    d_k = attention.key_size
    d_v = attention.head_size
    qkv = attention.qkv_projection(rows)
    qkv = attention.qkv_layer_norm(qkv)
    qkv = qkv.view(B, H, N, -1)
    q = qkv[..., :d_k]
    k = qkv[..., d_k:2 * d_k]
    v = qkv[..., 2 * d_k:2 * d_k + d_v]
    return q, k, v
