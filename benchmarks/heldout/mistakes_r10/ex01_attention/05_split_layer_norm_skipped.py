"""
exercise: 1.2
learner: careful
cause: Only the projection is applied (as in the Transformer paper), but the RMC follows Sonnet and normalises the projected features with attention.qkv_layer_norm before cutting them; apply qkv_layer_norm(qkv_projection(rows)).
downstream: no
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q = per_head[..., :d_k]
    k = per_head[..., d_k:2 * d_k]
    v = per_head[..., 2 * d_k:]
    return q, k, v
