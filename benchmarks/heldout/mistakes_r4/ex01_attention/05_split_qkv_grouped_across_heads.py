"""
exercise: 1.2
learner: careful
cause: The features are cut as if all heads' queries came first, then all keys, then all values, but the projection groups them per head ([q | k | v] of head 0, then of head 1, ...); view to [B, N, H, 2 d_k + d_v] first and split each head's chunk.
downstream: no
"""


def split_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    q, k, v = qkv.split([heads * d_k, heads * d_k, heads * d_v], dim=-1)
    q = q.view(batch, n_rows, heads, d_k).transpose(1, 2)
    k = k.view(batch, n_rows, heads, d_k).transpose(1, 2)
    v = v.view(batch, n_rows, heads, d_v).transpose(1, 2)
    return q, k, v
