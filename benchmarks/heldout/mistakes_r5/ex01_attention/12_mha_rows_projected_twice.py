"""
exercise: 1.4
learner: weak
cause: The rows are passed through attention.qkv_projection here and then again inside split_heads, which expects the raw rows [B, N, F]; give split_heads the rows themselves.
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    projected = attention.qkv_projection(rows)
    q, k, v = split_heads(attention, projected)
    attended, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(attended), weights
