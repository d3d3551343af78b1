"""
exercise: 1.4
learner: careful
cause: q is divided by sqrt(d_k) before it goes into scaled_dot_product_attention, which divides the scores by sqrt(d_k) itself, so they are scaled twice (by 1/d_k); "q not yet scaled" means the attention does it, so pass q as it is.
downstream: no
wrong_function: multi_head_attention
"""

# ruff: noqa: F821

import math


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    q = q / math.sqrt(attention.key_size)
    attended, weights = scaled_dot_product_attention(q, k, v)
    merged = merge_heads(attended)
    return merged, weights
