"""
exercise: 1.4
learner: weak
cause: In 1.2 the key slice is copied from the query line and keeps its indices, per_head[..., :d_k], so k is the same tensor as q and the attention scores become q·q; the keys are the next d_k features, per_head[..., d_k:2 * d_k].
downstream: yes (1.2 split_heads is wrong)
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q = per_head[..., :d_k]
    k = per_head[..., :d_k]
    v = per_head[..., 2 * d_k :]
    return q, k, v
