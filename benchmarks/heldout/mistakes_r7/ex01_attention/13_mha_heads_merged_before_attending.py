"""
exercise: 1.4
learner: careful
cause: q, k and v are merged back to one row each before the attention, so a single head attends over all H * d_k features (scaled by sqrt(H * d_k)) and the weights come out [B, N, N]; attend within each head on the split [B, H, N, d] tensors and merge only the output.
downstream: no
"""
# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    out, weights = scaled_dot_product_attention(merge_heads(q), merge_heads(k), merge_heads(v))
    return out, weights
