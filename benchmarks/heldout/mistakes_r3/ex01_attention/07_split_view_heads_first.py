"""
exercise: 1.2
learner: weak
cause: Viewing the projection straight as [B, H, N, 2d_k+d_v] regroups numbers of different rows into one head; view it as [B, N, H, 2d_k+d_v] (the per-row layout) and then transpose(1, 2).
downstream: no
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, dk, dv = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.view(B, H, N, 2 * dk + dv)
    q = qkv[..., :dk]
    k = qkv[..., dk : 2 * dk]
    v = qkv[..., 2 * dk :]
    return q, k, v
