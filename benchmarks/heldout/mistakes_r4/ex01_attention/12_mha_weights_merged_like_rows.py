"""
exercise: 1.4
learner: weak
cause: The weights go through merge_heads like the rows, which turns [B, H, N, N] into [B, N, H·N]; only the attended rows are merged, the weights stay per head.
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    per_head, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(per_head), merge_heads(weights)
