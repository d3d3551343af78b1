"""
exercise: 1.2
learner: careful
cause: The queries are already divided by sqrt(d_k) here, but split_heads must return q not yet scaled (the attention function scales); leave q unscaled.
downstream: no
"""

import math


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, dk, dv = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, 2 * dk + dv).transpose(1, 2)
    q, k, v = per_head.split([dk, dk, dv], dim=-1)
    return q / math.sqrt(dk), k, v  # scale q before the product, as rmc_ref does
