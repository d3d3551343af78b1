"""
exercise: 1.4
learner: weak
cause: Only the merged rows are returned and the weights are thrown away; 1.4 returns the pair (merged rows [B, N, H * d_v], weights [B, H, N, N]).
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, _ = scaled_dot_product_attention(q, k, v)
    return merge_heads(attended)
