"""
exercise: 1.4
learner: careful
cause: The weights are averaged over the heads (as torch.nn.MultiheadAttention does by default), but the exercise asks for every head's weights [B, H, N, N]; return them without the mean.
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    out, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(out), weights.mean(dim=1)
