"""
exercise: 1.4
learner: weak
cause: In 1.2 the head axis is moved with transpose(0, 1), which swaps the batch and the rows, not the rows and the heads, so attention runs over the heads of each row; use transpose(1, 2) to get [B, H, N, 2 d_k + d_v].
downstream: yes (1.2 split_heads is wrong)
wrong_function: split_heads
"""


def split_heads(attention, rows):
    batch, num_rows, _ = rows.shape
    d_k, d_v = attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, num_rows, attention.num_heads, 2 * d_k + d_v).transpose(0, 1)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
