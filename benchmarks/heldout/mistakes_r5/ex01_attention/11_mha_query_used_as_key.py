"""
exercise: 1.4
learner: careful
cause: "Self-attention" is read as the rows comparing the queries with themselves, so q is passed as the key too and the projected keys k are never used; pass the three outputs of split_heads, scaled_dot_product_attention(q, k, v).
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, weights = scaled_dot_product_attention(q, q, v)
    return merge_heads(attended), weights
