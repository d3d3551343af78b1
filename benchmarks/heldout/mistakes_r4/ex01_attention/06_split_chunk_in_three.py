"""
exercise: 1.2
learner: weak
cause: chunk(3) cuts each head's 2 d_k + d_v features into three equal parts, which are not d_k, d_k and d_v when d_v differs from d_k; split with the sizes [d_k, d_k, d_v].
downstream: no
"""


def split_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    q, k, v = per_head.chunk(3, dim=-1)
    return q, k, v
