"""
exercise: 1.2
learner: careful
cause: viewing straight to [B, H, N, 2d_k+d_v] reinterprets memory instead of moving an axis; view to [B, N, H, 2d_k+d_v] first, then transpose(1, 2).
downstream: no
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, H, N, 2 * d_k + d_v)  # already [B, H, N, chunk]
    return per_head[..., :d_k], per_head[..., d_k : 2 * d_k], per_head[..., 2 * d_k :]
