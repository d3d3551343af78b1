"""
exercise: 1.4
learner: careful
cause: q, k and v are merged back to full rows before the attention, so one single attention runs over all heads' features together ([B, N, N] weights); attend within each head on [B, H, N, d], then merge only the output.
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, weights = scaled_dot_product_attention(merge_heads(q), merge_heads(k), merge_heads(v))
    return attended, weights
