"""
exercise: 1.4
learner: weak
cause: split_heads slices v as everything after the first d_k features, so v also holds the keys and is d_k + d_v wide; take v from index 2*d_k on.
downstream: yes
wrong_function: 1.2 split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q = per_head[..., :d_k]
    k = per_head[..., d_k : 2 * d_k]
    v = per_head[..., d_k:]
    return q, k, v
