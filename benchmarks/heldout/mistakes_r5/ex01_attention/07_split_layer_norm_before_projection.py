"""
exercise: 1.2
learner: careful
cause: The LayerNorm is applied to the input rows before the projection (pre-norm, as in many transformers), but qkv_layer_norm normalises the H * (2 d_k + d_v) projected features, so it does not fit the rows; project first, then normalise: qkv_layer_norm(qkv_projection(rows)).
downstream: no
"""


def split_heads(attention, rows):
    batch, num_rows, _ = rows.shape
    d_k, d_v = attention.key_size, attention.head_size
    qkv = attention.qkv_projection(attention.qkv_layer_norm(rows))
    per_head = qkv.view(batch, num_rows, attention.num_heads, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
