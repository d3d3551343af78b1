"""
exercise: 1.2
learner: weak
cause: The LayerNorm is applied to the rows before the projection, but attention.qkv_layer_norm normalises the H * (2 d_k + d_v) projected features, not the input rows, so the sizes do not match; project first, then normalise: qkv_layer_norm(qkv_projection(rows)).
downstream: no
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(attention.qkv_layer_norm(rows))
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
