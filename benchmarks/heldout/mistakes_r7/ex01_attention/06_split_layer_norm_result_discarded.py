"""
exercise: 1.2
learner: weak
cause: attention.qkv_layer_norm(qkv) is called as if it normalised qkv in place, but a layer returns a new tensor and its result is thrown away, so q, k and v are cut from the un-normalised projection; assign it, qkv = attention.qkv_layer_norm(qkv).
downstream: no
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    attention.qkv_layer_norm(qkv)
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
