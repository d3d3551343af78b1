"""
exercise: 1.2
learner: weak
cause: The LayerNorm after the projection (attention.qkv_layer_norm) is left out, so q, k and v are unnormalised; apply qkv_layer_norm to the projected rows before splitting.
downstream: no
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    return per_head[..., :d_k], per_head[..., d_k : 2 * d_k], per_head[..., 2 * d_k :]
