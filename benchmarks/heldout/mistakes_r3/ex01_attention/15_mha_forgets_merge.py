"""
exercise: 1.4
learner: weak
cause: The per-head outputs [B, H, N, d_v] are returned without merging the heads; call merge_heads on them to get [B, N, H*d_v].
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    out, weights = scaled_dot_product_attention(q, k, v)
    return out, weights
