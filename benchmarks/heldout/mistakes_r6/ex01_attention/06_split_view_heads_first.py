"""
exercise: 1.2
learner: weak
cause: The projected rows are viewed straight to [B, H, N, 2 d_k + d_v], but in memory the row axis comes before the features, so each 'head' gets pieces of other rows; view to [B, N, H, 2 d_k + d_v] first and then transpose(1, 2).
downstream: no
"""


def split_heads(attention, rows):
    batch, num_rows = rows.shape[0], rows.shape[1]
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, heads, num_rows, 2 * d_k + d_v)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
