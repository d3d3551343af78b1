"""
exercise: 1.4
learner: careful
cause: 1.2 already divides q by sqrt(d_k) (as the lesson says the reference does inside attention) and 1.1 divides again, so in 1.4 the scores are scaled twice.
downstream: yes
wrong_function: 1.2 split_heads (1.1, 1.3 and 1.4 as in correct.py)
"""

import math


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q = per_head[..., :d_k] / math.sqrt(d_k)  # scale q once here
    return q, per_head[..., d_k : 2 * d_k], per_head[..., 2 * d_k :]
