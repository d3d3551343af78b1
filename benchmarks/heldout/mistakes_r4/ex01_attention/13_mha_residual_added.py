"""
exercise: 1.4
learner: careful
cause: The input rows are added to the attention output, but that residual (and its LayerNorm) belongs to the block of lesson 4, not to multi-head attention; return the merged heads alone.
downstream: no
"""

# ruff: noqa: F821


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    per_head, weights = scaled_dot_product_attention(q, k, v)
    return rows + merge_heads(per_head), weights
