"""
exercise: 1.4
learner: careful
cause: The weights are detached as if they were only for plotting, which cuts them from the graph (no gradient flows through them to the projection); return them as they come and detach only where you draw them.
downstream: no
wrong_function: multi_head_attention
"""
# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(attended), weights.detach()
