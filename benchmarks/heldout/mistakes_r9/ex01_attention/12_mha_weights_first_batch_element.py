"""
exercise: 1.4
learner: weak
cause: weights[0] keeps only the first batch element (as the lesson's heatmap cell does for plotting), giving [H, N, N]; the function returns the weights of the whole batch, [B, H, N, N], as they come from the attention.
downstream: no
wrong_function: multi_head_attention
"""
# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, weights = scaled_dot_product_attention(q, k, v)
    merged = merge_heads(attended)
    return merged, weights[0]
