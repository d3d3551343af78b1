"""
exercise: 1.2
learner: weak
cause: Only the projection is applied; the LayerNorm that follows it (as in Sonnet) is left out, so q, k and v are not normalised; compute attention.qkv_layer_norm(attention.qkv_projection(rows)) before cutting the heads.
downstream: no
"""


def split_heads(attention, rows):
    batch, num_rows, _ = rows.shape
    d_k, d_v = attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    per_head = qkv.view(batch, num_rows, attention.num_heads, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
