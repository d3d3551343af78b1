"""
exercise: 1.4
learner: weak
cause: weights[0] (copied from the lesson's heatmap cell) keeps only the first batch element, [H, N, N]; return the weights of the whole batch, [B, H, N, N].
downstream: no
wrong_function: multi_head_attention
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    out, weights = scaled_dot_product_attention(q, k, v)
    attended = merge_heads(out)
    return attended, weights[0]
