"""
exercise: 1.4
learner: careful
cause: the weights are averaged over the heads (like nn.MultiheadAttention's default) instead of returned per head as [B, H, N, N].
downstream: no
"""
# ruff: noqa: F821  (the earlier answer functions come from correct.py, as from earlier notebook cells)


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    out, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(out), weights.mean(dim=1)
