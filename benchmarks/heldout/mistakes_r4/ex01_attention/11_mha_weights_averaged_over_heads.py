"""
exercise: 1.4
learner: careful
cause: The weights are averaged over the heads (as nn.MultiheadAttention does by default), but the exercise wants every head's map, [B, H, N, N]; return the weights as they come.
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    per_head, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(per_head), weights.mean(dim=1)
