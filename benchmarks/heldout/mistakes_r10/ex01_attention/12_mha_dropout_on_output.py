"""
exercise: 1.4
learner: careful
cause: Dropout is applied to the merged output as in the Transformer, but the RMC's attention has none, and F.dropout is active by default (training=True), so the output is random; return merge_heads(attended) as it is.
downstream: no
wrong_function: multi_head_attention
"""

# ruff: noqa: F821

import torch.nn.functional as F


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, weights = scaled_dot_product_attention(q, k, v)
    merged = F.dropout(merge_heads(attended), p=0.1)
    return merged, weights
