"""
exercise: 1.2
learner: weak
cause: The sizes of the lesson's example (batch 1, 3 rows, 2 heads, chunks of 13, d_k = 4) are typed in as numbers; read B and N from rows.shape and H, d_k, d_v from the layer.
downstream: no
"""


def split_heads(attention, rows):
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(1, 3, 2, 13).transpose(1, 2)
    return per_head[..., :4], per_head[..., 4:8], per_head[..., 8:]
