"""
exercise: 1.4
learner: weak
cause: The rows are passed through attention.qkv_projection before split_heads, which projects them itself, so the second projection gets H (2 d_k + d_v) features where it expects F; give split_heads the rows as they are.
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    projected = attention.qkv_projection(rows)
    q, k, v = split_heads(attention, projected)
    attended, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(attended), weights
