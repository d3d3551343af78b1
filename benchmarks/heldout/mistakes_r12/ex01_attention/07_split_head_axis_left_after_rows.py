"""
exercise: 1.2
learner: weak
cause: After the view the head axis is still after the rows ([B, N, H, d]), so q, k, v come back as [B, N, H, d] and each row would attend over the heads; transpose(1, 2) after the view to get [B, H, N, d].
downstream: no
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H = attention.num_heads
    d_k = attention.key_size
    d_v = attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, 2 * d_k + d_v)
    q = per_head[..., :d_k]
    k = per_head[..., d_k : 2 * d_k]
    v = per_head[..., 2 * d_k :]
    return q, k, v
