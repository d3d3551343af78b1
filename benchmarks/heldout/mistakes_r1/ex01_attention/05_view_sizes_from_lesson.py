"""
exercise: 1.2
learner: weak
cause: the view uses the lesson's example sizes (batch 1, 3 rows, 2 heads, chunks of 13, d_k 4) instead of reading B, N, H, d_k and d_v from the rows and the layer.
downstream: no
"""


def split_heads(attention, rows):
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(1, 3, 2, 13).transpose(1, 2)
    q = per_head[..., :4]
    k = per_head[..., 4:8]
    v = per_head[..., 8:]
    return q, k, v
