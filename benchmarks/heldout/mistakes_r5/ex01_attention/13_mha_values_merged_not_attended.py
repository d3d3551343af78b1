"""
exercise: 1.4
learner: weak
cause: merge_heads is given the values v from split_heads instead of the attention output, so the result ignores the weights entirely; merge the first output of scaled_dot_product_attention.
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(v), weights
