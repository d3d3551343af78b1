"""
exercise: 1.4
learner: weak
cause: The weights are returned with .detach() (as the lesson does before plotting), which cuts them from the graph; return them as they come, and detach only where you plot.
downstream: no
wrong_function: multi_head_attention
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    out, weights = scaled_dot_product_attention(q, k, v)  # [B, H, N, d_v], [B, H, N, N]
    merged = merge_heads(out)
    return merged, weights.detach()
