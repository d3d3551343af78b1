"""
exercise: 1.4
learner: weak
cause: scaled_dot_product_attention returns a pair (output, weights), and the whole pair is passed to merge_heads, which fails on a tuple; unpack it first, attended, weights = scaled_dot_product_attention(q, k, v), merge attended and return the weights too.
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    return merge_heads(scaled_dot_product_attention(q, k, v))
