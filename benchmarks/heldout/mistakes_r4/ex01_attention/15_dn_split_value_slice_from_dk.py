"""
exercise: 1.4
learner: weak
cause: In 1.2 the value slice starts at d_k instead of 2 d_k, so v also holds the keys and is d_k + d_v wide; take v = per_head[..., 2 * d_k:].
downstream: yes (1.2 split_heads is wrong)
wrong_function: split_heads
"""


def split_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    d_k = attention.key_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    q = per_head[..., :d_k]
    k = per_head[..., d_k : 2 * d_k]
    v = per_head[..., d_k:]
    return q, k, v
