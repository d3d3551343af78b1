"""
exercise: 1.4
learner: weak
cause: In 1.2 the projected features are viewed straight into [B, H, N, 2 d_k + d_v], which has the right shape but cuts the memory in the wrong order (a "head" gets pieces of several rows); view to [B, N, H, 2 d_k + d_v] first, then transpose(1, 2).
downstream: yes (1.2 split_heads)
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, H, N, 2 * d_k + d_v)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
