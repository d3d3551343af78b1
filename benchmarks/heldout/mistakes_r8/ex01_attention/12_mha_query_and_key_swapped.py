"""
exercise: 1.4
learner: weak
cause: k and q are passed in the wrong order, scaled_dot_product_attention(k, q, v), so the keys ask and the queries answer: the weights are those of K Qᵀ and each row mixes the values by the wrong map; call it with (q, k, v).
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, weights = scaled_dot_product_attention(k, q, v)
    return merge_heads(attended), weights
