"""
exercise: 1.4
learner: careful
cause: The raw rows, cut into heads, are used as the values (the slots reading each other's contents directly), but the values are the projected v that split_heads returns; use q, k and v all from split_heads.
downstream: no
wrong_function: multi_head_attention
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    B, N, _ = rows.shape
    q, k, _ = split_heads(attention, rows)
    v = rows.view(B, N, attention.num_heads, -1).transpose(1, 2)
    out, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(out), weights
