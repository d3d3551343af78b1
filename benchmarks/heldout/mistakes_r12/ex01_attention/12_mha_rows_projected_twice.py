"""
exercise: 1.4
learner: weak
cause: The rows are passed through attention.qkv_projection before split_heads, which projects them again, so the projection gets H * (2 d_k + d_v) features where it expects the row width; give split_heads the rows themselves.
downstream: no
wrong_function: multi_head_attention
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    projected = attention.qkv_projection(rows)
    q, k, v = split_heads(attention, projected)
    out, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(out), weights
