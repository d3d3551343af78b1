"""
exercise: 1.4
learner: careful
cause: In 1.2 k is returned already transposed, [B, H, d_k, N] (as GPT-2's split_heads does for the keys), but split_heads must return k as [B, H, N, d_k] like q, since the attention transposes it itself; return k without the extra transpose.
downstream: yes (1.2 split_heads)
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k.transpose(-2, -1), v
