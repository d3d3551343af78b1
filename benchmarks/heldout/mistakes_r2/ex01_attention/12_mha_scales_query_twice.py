"""
exercise: 1.4
learner: careful
cause: The queries are divided by sqrt(d_k) before calling scaled_dot_product_attention, which scales again, so the scores are divided by d_k; pass q unscaled, the attention function already scales.
downstream: no
"""

# ruff: noqa: F821
import math


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    q = q / math.sqrt(attention.key_size)  # "q not yet scaled"
    out, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(out), weights
