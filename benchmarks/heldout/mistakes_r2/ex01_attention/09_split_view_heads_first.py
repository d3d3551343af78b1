"""
exercise: 1.2
learner: careful
cause: The features are viewed straight as [B, H, N, 2d_k+d_v], which has the right shape but mixes rows and heads; view as [B, N, H, 2d_k+d_v] and then transpose(1, 2) to move the head axis forward.
downstream: no
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, H, N, 2 * d_k + d_v)
    q = per_head[..., :d_k]
    k = per_head[..., d_k : 2 * d_k]
    v = per_head[..., 2 * d_k :]
    return q, k, v
