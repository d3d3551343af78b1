"""
exercise: 1.2
learner: weak
cause: The features are viewed straight into [B, H, N, 2 d_k + d_v], which reads the memory as if the heads came first, so each 'head' gets chunks from the wrong rows; view to [B, N, H, 2 d_k + d_v] (the order the features are stored in) and then transpose(1, 2).
downstream: no
wrong_function: split_heads
"""


def split_heads(attention, rows):
    batch, n_rows = rows.shape[0], rows.shape[1]
    heads = attention.num_heads
    d_k = attention.key_size
    d_v = attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, heads, n_rows, 2 * d_k + d_v)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
