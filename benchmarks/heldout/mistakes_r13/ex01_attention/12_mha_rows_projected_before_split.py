"""
exercise: 1.4
learner: weak
cause: The rows are put through qkv_projection and qkv_layer_norm here and then given to split_heads, which projects them again (and a projection of width H (2 d_k + d_v) does not fit its input); give split_heads the raw rows, it does the projection itself.
downstream: no
wrong_function: multi_head_attention
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    q, k, v = split_heads(attention, qkv)
    out, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(out), weights
